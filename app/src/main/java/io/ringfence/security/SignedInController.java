package io.ringfence.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who is signed in: the console asks once after sign-in, to show each person only the pages and actions
 * their roles allow (the API still checks each call), and to check a demo password before keeping it.
 */
@RestController
@Tag(name = "Sign-in", description = "The signed-in caller")
class SignedInController {

    record Me(String name, List<String> roles) {
    }

    // Any signed-in caller, a caller without roles included: the console tells them they have no pages.
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/api/v1/me")
    @Operation(summary = "The signed-in caller's name and roles")
    Me me() {
        CurrentUser user = CurrentUser.get();
        return new Me(user.name(), user.roles().stream().sorted().toList());
    }
}
