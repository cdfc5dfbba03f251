package io.ringfence.web;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * What a hostile client sent that reached the database or answered in the wrong shape (issue 20, finding 7),
 * refused at the edge on the web slice: each answer is a problem, and no collaborator of any controller was
 * called.
 */
@ApiSlice
class HostileRequestsTest {
    private static final String NUL = "a\0b";
    /** Every role, so that a refusal here is the edge's, never the role check's. */
    private static final String[] ROLES = {"fraud-analyst", "case-handler", "supervisor", "compliance-officer"};

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext slice;

    private static MockHttpServletRequestBuilder signedIn(MockHttpServletRequestBuilder request) {
        return request.with(SignedIn.as("hostile1", ROLES));
    }

    private void nothingWasCalled() {
        slice.getBeansOfType(Object.class).values().stream().filter(b -> Mockito.mockingDetails(b).isMock())
                .forEach(Mockito::verifyNoInteractions);
    }

    @Test
    void aNulInAnyStringQueryParameterIsRefusedBeforeAnyStore() throws Exception {
        List<MockHttpServletRequestBuilder> requests = List.of(
                get("/api/v1/alerts").param("subscriber", NUL),
                get("/api/v1/events").param("subscriber", NUL),
                get("/api/v1/audit/decisions").param("actor", NUL),
                get("/api/v1/audit/decisions").param("typology", "IRSF").param("target", NUL).accept("text/csv"),
                get("/api/v1/audit/decisions.csv").param("subscriber", NUL),
                get("/api/v1/cases").param("subscriber", NUL),
                get("/api/v1/tasks").param("name", NUL),
                get("/api/v1/changes").param("kind", NUL),
                get("/api/v1/hotlists/deny").param("after", NUL),
                put("/api/v1/hotlists/deny").param("summary", NUL).contentType("text/csv").content("+447700900001,x\n"),
                get("/api/v1/alerts").param("sub\0scriber", "+447700900001"));
        for (MockHttpServletRequestBuilder r : requests) {
            var result = mvc.perform(signedIn(r)).andReturn();
            String seen = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " answered "
                    + result.getResponse().getStatus() + " " + result.getResponse().getContentAsString();
            try {
                problem(400).match(result);
                jsonPath("$.detail", containsString("NUL")).match(result);
            } catch (AssertionError e) {
                throw new AssertionError(seen, e);
            }
        }
        nothingWasCalled();
    }

    @Test
    void aRepeatedParameterIsNamedNotPrintedAsAJavaArray() throws Exception {
        mvc.perform(signedIn(get("/api/v1/cases").param("page", "1", "2")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'page' is given 2 times; give each parameter once"));
        nothingWasCalled();
    }

    @Test
    void aPageBeyondTheStoresOffsetIsRefused() throws Exception {
        mvc.perform(signedIn(get("/api/v1/alerts").param("subscriber", "+447700900001").param("page", "2147483647")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("'page' × 'size' must stay below")));
        nothingWasCalled();
    }

    @Test
    void instantsOutsideWhatTheDatabaseHoldsAreRefused() throws Exception {
        mvc.perform(signedIn(get("/api/v1/audit/decisions.csv").param("from", "+999999999-12-31T23:59:59Z")))
                .andExpect(problem(400)).andExpect(jsonPath("$.detail", containsString("between 0001-01-01")));
        mvc.perform(signedIn(get("/api/v1/events").param("subscriber", "+447700900001").param("to", "-0001-01-01T00:00:00Z")))
                .andExpect(problem(400));
        mvc.perform(signedIn(get("/api/v1/cases/labels").param("closedAfter", "-999999999-01-01T00:00:00Z")))
                .andExpect(problem(400)).andExpect(jsonPath("$.detail", containsString("closedAfter")));
        mvc.perform(signedIn(get("/api/v1/cases").param("openedAfter", "+999999999-12-31T23:59:59Z")))
                .andExpect(problem(400));
        nothingWasCalled();
    }

    @Test
    void aCaseIsNotOpenedForAClientThatWillNotTakeTheAnswer() throws Exception {
        mvc.perform(signedIn(post("/api/v1/cases")).contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_PLAIN)
                        .content("{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900001\"},\"typology\":\"SIM_SWAP\","
                                + "\"note\":\"seen\",\"alertIds\":[\"AL1\"]}"))
                .andExpect(problem(406));
        mvc.perform(signedIn(post("/api/v1/tasks/t1/claim")).accept("image/png"))
                .andExpect(problem(406));
        nothingWasCalled();
    }

    @Test
    void aBlankCaseIdIsA400ThatSays400() throws Exception {
        mvc.perform(signedIn(get("/api/v1/cases/{id}", " ")))
                .andExpect(problem(400));
        mvc.perform(signedIn(get("/api/v1/cases/{id}", "not-a-uuid")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'caseId' must be a UUID, got 'not-a-uuid'"));
        nothingWasCalled();
    }

    @Test
    void aHugeFieldIsRefusedBeforeItIsCopiedAnywhere() throws Exception {
        String huge = "4".repeat(5_000_000);
        mvc.perform(signedIn(post("/api/v1/cases")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900001\"},\"subscriber\":\"" + huge
                                + "\",\"typology\":\"SIM_SWAP\",\"note\":\"seen\",\"alertIds\":[\"AL1\"]}"))
                .andExpect(problem(413))
                .andExpect(content().string(not(containsString("4444"))));
        mvc.perform(signedIn(post("/api/v1/screen")).with(SignedIn.as("switch1", "switch-client"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"a\":\"+" + huge + "\",\"b\":\"+447700900002\"}"))
                .andExpect(problem(413));
        nothingWasCalled();
    }

    @Test
    void theErrorPageIsAProblemWhateverTheClientAccepts() throws Exception {
        for (String accept : List.of("text/html", "text/csv", "*/*")) {
            mvc.perform(signedIn(get("/error")).accept(accept).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404))
                    .andExpect(problem(404));
            mvc.perform(signedIn(get("/error")).accept(accept).requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500))
                    .andExpect(problem(500))
                    .andExpect(jsonPath("$.detail").value("the request could not be handled (see the service log)"));
        }
    }

    /** Issue 20, finding 8: what the hostile-client suite sent in a JSON body, refused before any controller. */
    @Test
    void aJsonBodyWithANulHalfASurrogateOrBytesThatAreNotUtf8IsRefusedAtTheEdge() throws Exception {
        String open = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900001\"},\"typology\":\"SIM_SWAP\","
                + "\"note\":\"%s\",\"alertIds\":[\"AL1\"]}";
        for (String note : List.of("a\\u0000b", "\\u0000", "a\\ud800", "\\udc00b", "x\\uD83D")) {
            mvc.perform(signedIn(post("/api/v1/cases")).contentType(MediaType.APPLICATION_JSON)
                            .content(String.format(open, note)))
                    .andExpect(problem(400)).andExpect(jsonPath("$.detail", containsString("JSON body holds")));
        }
        byte[] overlong = String.format(open, "SLASH").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(overlong, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("SLASH");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        mvc.perform(signedIn(post("/api/v1/cases")).contentType(MediaType.APPLICATION_JSON).content(overlong))
                .andExpect(problem(400)).andExpect(jsonPath("$.detail", containsString("UTF-8")));
        nothingWasCalled();
    }

    @Test
    void anEscapedBackslashBeforeU0000AndAWholeSurrogatePairGoThrough() throws Exception {
        // An unknown kind: the handler's own 400, so the body got past the edge to the controller.
        mvc.perform(signedIn(post("/api/v1/cases")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":{\"kind\":\"PLANET\",\"value\":\"mars\"},\"typology\":\"SIM_SWAP\","
                                + "\"note\":\"C:\\\\u0000 and \\ud83d\\ude00\"}"))
                .andExpect(problem(400)).andExpect(jsonPath("$.detail", not(containsString("JSON body"))));
    }

    @Test
    void aContentTypeThatIsAPatternOrNoMediaTypeIs415() throws Exception {
        for (String type : List.of("*/*", "application/*", "*/json", "application")) {
            mvc.perform(signedIn(post("/api/v1/tasks/t1/complete")).header("Content-Type", type).content("{\"note\":\"x\"}"))
                    .andExpect(problem(415));
        }
        nothingWasCalled();
    }
}
