package io.ringfence.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the console learns about the person who signed in, and how a refused call reaches a script. */
@ApiSlice
class SignedInControllerTest {
    @Autowired
    MockMvc mvc;

    @Test
    void nameAndRolesOfTheCaller() throws Exception {
        mvc.perform(get("/api/v1/me").with(SignedIn.as("supervisor1", "supervisor", "case-handler")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("supervisor1"))
                .andExpect(jsonPath("$.roles[0]").value("case-handler"))
                .andExpect(jsonPath("$.roles[1]").value("supervisor"))
                .andExpect(jsonPath("$.roles.length()").value(2));
        mvc.perform(get("/api/v1/me").with(SignedIn.as("no-role")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("no-role"))
                .andExpect(jsonPath("$.roles.length()").value(0));
    }

    @Test
    void theConsolesCallsAreRefusedWithoutAChallengeThatWouldOpenTheBrowsersPasswordDialog() throws Exception {
        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
        mvc.perform(get("/api/v1/me").header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void beforeSigningInTheConsoleLearnsWhereToSignIn() throws Exception {
        // No token at all: the console asks this first, in either mode (the slice runs in oidc mode).
        mvc.perform(get("/api/v1/sign-in"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("oidc"))
                .andExpect(jsonPath("$.issuer").value("http://unused.invalid/realms/ringfence"))
                .andExpect(jsonPath("$.clientId").value("ringfence-ui"));
    }
}
