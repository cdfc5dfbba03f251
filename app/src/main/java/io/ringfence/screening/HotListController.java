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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hot lists: {@code PUT} replaces a list from a CSV body ({@code value,note}), {@code POST} adds
 * to it, {@code GET} pages through it in value order, {@code DELETE .../{value}} removes one entry.
 */
@RestController
@RequestMapping(path = "/api/v1/hotlists/{list}", produces = MediaType.APPLICATION_JSON_VALUE)
class HotListController {
    static final String TEXT_CSV = "text/csv";
    private static final int MAX_PAGE = 1000;

    private final HotLists hotLists;

    HotListController(HotLists hotLists) {
        this.hotLists = hotLists;
    }

    @Operation(summary = "Replace a hot list from CSV (value,note), atomically")
    @ApiResponse(responseCode = "200", description = "the list and its entry count")
    @ApiResponse(responseCode = "400", description = "a bad CSV line (the problem's 'line'); nothing was applied",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such list",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    @PutMapping(consumes = TEXT_CSV)
    ResponseEntity<Object> replace(@PathVariable String list, @RequestBody(required = false) String csv) {
        return withCsv(list, csv, (l, entries) -> {
            hotLists.replace(l, entries);
            return Map.of("list", l.id(), "entries", entries.size());
        });
    }

    @Operation(summary = "Add CSV entries (value,note) to a hot list, atomically")
    @ApiResponse(responseCode = "200", description = "the list and the count added")
    @ApiResponse(responseCode = "400", description = "a bad CSV line (the problem's 'line'); nothing was applied",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such list",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    @PostMapping(consumes = TEXT_CSV)
    ResponseEntity<Object> add(@PathVariable String list, @RequestBody(required = false) String csv) {
        return withCsv(list, csv, (l, entries) -> {
            hotLists.add(l, entries);
            return Map.of("list", l.id(), "added", entries.size());
        });
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

    @Operation(summary = "Remove one value from a hot list")
    @ApiResponse(responseCode = "204", description = "removed")
    @ApiResponse(responseCode = "404", description = "no such list, or the value is not on it",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAnyRole('fraud-analyst', 'supervisor')")
    @DeleteMapping("/{value}")
    ResponseEntity<Object> remove(@PathVariable String list, @PathVariable String value) {
        return known(list, l -> hotLists.remove(l, value)
                ? ResponseEntity.noContent().build()
                : Problems.of(HttpStatus.NOT_FOUND, "Not on the list", "'" + value + "' is not on " + l.id()));
    }

    private interface Import {
        Object apply(HotList list, java.util.List<HotListCsv.Entry> entries);
    }

    private ResponseEntity<Object> withCsv(String list, String csv, Import action) {
        return known(list, l -> {
            HotListCsv.Result parsed = HotListCsv.parse(l, csv == null ? "" : csv);
            if (!parsed.ok()) {
                return Problems.of(HttpStatus.BAD_REQUEST, "Invalid hot list CSV",
                        "line " + parsed.badLine() + ": " + parsed.reason() + " (nothing was applied)",
                        Map.of("line", parsed.badLine()));
            }
            return ResponseEntity.ok(action.apply(l, parsed.entries()));
        });
    }

    private static ResponseEntity<Object> known(String list, Function<HotList, ResponseEntity<Object>> then) {
        Optional<HotList> l = HotList.byId(list);
        return l.isPresent() ? then.apply(l.get())
                : Problems.of(HttpStatus.NOT_FOUND, "No such hot list", "'" + list + "' is not a hot list; the lists are "
                + String.join(", ", Arrays.stream(HotList.values()).map(HotList::id).toList()));
    }
}
