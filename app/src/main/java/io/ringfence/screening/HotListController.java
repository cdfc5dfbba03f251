package io.ringfence.screening;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading the hot lists: {@code GET} pages through a list in value order. Edits (replace, add, remove)
 * go through maker-checker: see io.ringfence.governance.HotListChangeController.
 */
@RestController
@RequestMapping(path = "/api/v1/hotlists/{list}", produces = MediaType.APPLICATION_JSON_VALUE)
class HotListController {
    private static final int MAX_PAGE = 1000;

    private final HotLists hotLists;

    HotListController(HotLists hotLists) {
        this.hotLists = hotLists;
    }

    @Operation(summary = "A page of a hot list in value order; 'next' is the next page's 'after'")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HotLists.Page.class)))
    @ApiResponse(responseCode = "404", description = "no such list",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor', 'compliance-officer')")
    @GetMapping
    ResponseEntity<Object> page(@PathVariable String list, @RequestParam(required = false) String after,
                                @RequestParam(defaultValue = "100") int size) {
        if (size < 1 || size > MAX_PAGE) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid page size", "size must be 1-" + MAX_PAGE);
        }
        return known(list, l -> ResponseEntity.ok(hotLists.page(l, after, size)));
    }

    private static ResponseEntity<Object> known(String list, Function<HotList, ResponseEntity<Object>> then) {
        Optional<HotList> l = HotList.byId(list);
        return l.isPresent() ? then.apply(l.get())
                : Problems.of(HttpStatus.NOT_FOUND, "No such hot list", "'" + list + "' is not a hot list; the lists are "
                + String.join(", ", Arrays.stream(HotList.values()).map(HotList::id).toList()));
    }
}
