package io.ringfence.governance;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.ringfence.security.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Hot-list edits are submitted as changes in the caller's name and accepted (202), not applied. */
@ApiSlice
class HotListChangeControllerTest {
    private static final String CSV = "value,note\n+447700900601,first\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    ChangeService changes;

    @Test
    void anEditIsAcceptedAsAChangeInTheCallersName() throws Exception {
        AssetChange c = Changes.pending(AssetKind.HOT_LIST, "deny", "REPLACE", CSV, "analyst1");
        when(changes.submit(any(), any(), any(), any(), any(), any(), any())).thenReturn(c);

        mvc.perform(put("/api/v1/hotlists/deny").param("summary", "lab SIMs").contentType("text/csv").content(CSV)
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/changes/" + c.changeId()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.kind").value("hot-list"))
                .andExpect(jsonPath("$.content").value("/api/v1/changes/" + c.changeId() + "/content"));
        verify(changes).submit(eq(AssetKind.HOT_LIST), eq("deny"), eq("REPLACE"), eq(CSV.getBytes(StandardCharsets.UTF_8)),
                eq(null), eq("lab SIMs"), eq("analyst1"));
    }

    @Test
    void addAndRemoveAreTheirOwnOperations() throws Exception {
        when(changes.submit(any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(Changes.pending(AssetKind.HOT_LIST, "deny", "ADD", CSV, "supervisor1"));

        mvc.perform(post("/api/v1/hotlists/deny").contentType("text/csv").content(CSV)
                        .with(SignedIn.as("supervisor1", "case-handler", "supervisor")))
                .andExpect(status().isAccepted());
        mvc.perform(delete("/api/v1/hotlists/deny/{value}", "+447700900601").with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(status().isAccepted());
        verify(changes).submit(AssetKind.HOT_LIST, "deny", "ADD", CSV.getBytes(StandardCharsets.UTF_8), null, null, "supervisor1");
        verify(changes).submit(AssetKind.HOT_LIST, "deny", "REMOVE", "+447700900601".getBytes(StandardCharsets.UTF_8), null, null,
                "supervisor1");
    }

    @Test
    void aRemovalCanCarryTheNumberInTheBodyInsteadOfTheUrl() throws Exception {
        when(changes.submit(any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(Changes.pending(AssetKind.HOT_LIST, "deny", "REMOVE", "+447700900601", "analyst1"));

        mvc.perform(post("/api/v1/hotlists/deny/removals").contentType("application/json")
                        .content("{\"value\":\"+447700900601\",\"summary\":\"customer cleared\"}")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"));
        verify(changes).submit(AssetKind.HOT_LIST, "deny", "REMOVE", "+447700900601".getBytes(StandardCharsets.UTF_8), null,
                "customer cleared", "analyst1");

        mvc.perform(post("/api/v1/hotlists/deny/removals").contentType("application/json").content("{\"summary\":\"x\"}")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400));
    }

    @Test
    void aRefusedEditIsAProblemWithTheLineAtFault() throws Exception {
        when(changes.submit(any(), any(), any(), any(), any(), any(), any())).thenThrow(new ChangeRejected(400,
                "Invalid hot-list CSV", "line 3: '+4477009006xx' is not an E.164 number", List.of(), Map.of("line", 3)));

        mvc.perform(put("/api/v1/hotlists/deny").contentType("text/csv").content("value,note\n+447700900602,fine\n+4477009006xx,typo\n")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.line").value(3))
                .andExpect(jsonPath("$.title").value("Invalid hot-list CSV"));
    }

    @Test
    void anEmptyUploadOrAnotherContentTypeIsRefusedBeforeAnythingIsSubmitted() throws Exception {
        mvc.perform(put("/api/v1/hotlists/deny").contentType("text/csv").content("")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.title").value("Empty upload"));
        mvc.perform(put("/api/v1/hotlists/deny").contentType("application/json").content("[\"+447700900601\"]")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(415));
        verifyNoInteractions(changes);
    }
}
