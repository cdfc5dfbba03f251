package io.ringfence.web;

import io.ringfence.security.ApiSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The console's files as a browser gets them: the DMN editor's bundle (which the ui build copies from its npm
 * package) is served by Ringfence without a sign-in, and a browser that has it is answered 304, not sent 11.7 MB again.
 */
@ApiSlice
class ConsoleFilesTest {
    private static final String EDITOR = "/assets/dmn-editor/dmn-editor.js";

    @Autowired
    MockMvc mvc;

    @Test
    void theDmnEditorIsServedHereAndRevalidatedRatherThanSentAgain() throws Exception {
        MockHttpServletResponse first = mvc.perform(get(EDITOR)).andReturn().getResponse();

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getContentAsString(StandardCharsets.UTF_8)).contains("window.DmnEditor");
        assertThat(first.getHeader("Cache-Control")).contains("no-cache").doesNotContain("no-store");
        String lastModified = first.getHeader("Last-Modified");
        assertThat(lastModified).isNotBlank();

        MockHttpServletResponse again = mvc.perform(get(EDITOR).header("If-Modified-Since", lastModified))
                .andReturn().getResponse();

        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContentAsByteArray()).isEmpty();
    }

    @Test
    void theConsolePageIsRevalidatedToo() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/index.html")).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).contains("no-cache").doesNotContain("no-store");
    }

    @Test
    void theConsoleRunsOnlyItsOwnScriptsAndTheEditorsEnvelopeByItsHash() throws Exception {
        String hashes = new String(getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/assets/dmn-editor/script-hashes.txt").readAllBytes(),
                StandardCharsets.US_ASCII).strip();
        assertThat(hashes).matches("sha256-[A-Za-z0-9+/]{43}=");

        for (String path : new String[] {"/", "/index.html"}) {
            String policy = mvc.perform(get(path)).andReturn().getResponse().getHeader("Content-Security-Policy");
            assertThat(policy).as(path).isNotNull();
            String scripts = directive(policy, "script-src");
            assertThat(scripts).isEqualTo("script-src 'self' '" + hashes + "'")
                    .as("no inline script but the hashed one, no eval").doesNotContain("unsafe");
            assertThat(directive(policy, "object-src")).isEqualTo("object-src 'none'");
            assertThat(directive(policy, "base-uri")).isEqualTo("base-uri 'none'");
            // The slice signs in through OIDC at an issuer on unused.invalid: the console may call it, and nothing else.
            assertThat(directive(policy, "connect-src")).isEqualTo("connect-src 'self' http://unused.invalid");
        }
        assertThat(mvc.perform(get("/api/v1/sign-in")).andReturn().getResponse().getHeader("Content-Security-Policy"))
                .as("the API's answers are data, not pages").isNull();
    }

    private static String directive(String policy, String name) {
        for (String d : policy.split(";")) {
            if (d.strip().startsWith(name + " ")) {
                return d.strip();
            }
        }
        throw new AssertionError(name + " is missing from " + policy);
    }
}
