package io.ringfence.screening;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The REST screening call: the request checked at the edge, the verdict as JSON (the lists themselves: ScreeningApiTest). */
@ApiSlice
class ScreeningControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Screening screening;

    @Test
    void aVerdictComesBackWithoutEmptyFields() throws Exception {
        when(screening.screen(any())).thenReturn(new ScreenAnswer(ScreenAnswer.Verdict.DENY,
                "BLOCK_SUBSCRIBER in force on SUBSCRIBER +447700900201", "api-1", null));

        mvc.perform(post("/api/v1/screen").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\":\"+447700900201\",\"b\":\"+447700900202\",\"type\":\"sms\",\"senderId\":\"BANK\"}")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.verdict").value("DENY"))
                .andExpect(jsonPath("$.decisionId").value("api-1"))
                .andExpect(jsonPath("$.list").doesNotExist());
        verify(screening).screen(new ScreenRequest("+447700900201", "+447700900202", "sms", null, null, "BANK"));
    }

    @Test
    void anUnescapedPlusInTheQueryIsReadAsPlus() throws Exception {
        when(screening.screen(any())).thenReturn(new ScreenAnswer(ScreenAnswer.Verdict.ALLOW, "no block or list applies", null, null));

        // The servlet container reads an unescaped '+' in a query string as a space, as forms encode one.
        mvc.perform(get("/api/v1/screen").param("a", " 447700900301").param("b", " 88213500001").param("type", "VOICE")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").value("ALLOW"));
        verify(screening).screen(new ScreenRequest("+447700900301", "+88213500001", "VOICE", null, null, null));
    }

    @Test
    void aRequestThatCannotBeScreenedIsAProblemNamingTheField() throws Exception {
        mvc.perform(get("/api/v1/screen").param("a", "+44abc").param("b", "+447700900402").param("type", "VOICE")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("a must be an E.164 number")));
        mvc.perform(post("/api/v1/screen").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\":\"+447700900401\",\"b\":\"+447700900402\",\"type\":\"FAX\"}")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("type must be VOICE or SMS, got 'FAX'"));
        mvc.perform(post("/api/v1/screen").contentType(MediaType.APPLICATION_JSON).content("{\"a\": \"+4477")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(400));
        mvc.perform(post("/api/v1/screen").contentType(MediaType.TEXT_PLAIN).content("a=+447700900401")
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(415));
        verifyNoInteractions(screening);
    }
}
