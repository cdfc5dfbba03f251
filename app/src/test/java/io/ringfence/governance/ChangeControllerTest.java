package io.ringfence.governance;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Submitting and reviewing changes: what the API checks itself, and how the service's answers and refusals come back. */
@ApiSlice
class ChangeControllerTest {
    private static final String RULE_SET = "{\"version\":\"rules-1.1\",\"files\":{\"irsf.drl\":\"package x;\"}}";

    @Autowired
    MockMvc mvc;
    @Autowired
    ChangeService changes;
    @Autowired
    ChangeStore store;

    @Test
    void aRuleSetIsSubmittedAsItCameAndTheChangeIsCreated() throws Exception {
        AssetChange c = Changes.pending(AssetKind.RULES, "rules", "DEPLOY", RULE_SET, "analyst1");
        when(changes.submit(any(), any(), any(), any(), any(), any(), any())).thenReturn(c);

        mvc.perform(post("/api/v1/changes/rules").param("summary", "IRSF threshold").contentType(MediaType.APPLICATION_JSON)
                        .content(RULE_SET).with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/changes/" + c.changeId()))
                .andExpect(jsonPath("$.changeId").value(c.changeId().toString()))
                .andExpect(jsonPath("$.bytes").value(RULE_SET.length()))
                .andExpect(jsonPath("$.author").value("analyst1"));
        verify(changes).submit(AssetKind.RULES, "rules", "DEPLOY", RULE_SET.getBytes(StandardCharsets.UTF_8), null,
                "IRSF threshold", "analyst1");
    }

    @Test
    void aModelUploadTooLargeOrEmptyIsRefusedBeforeItIsSubmitted() throws Exception {
        byte[] tooLarge = new byte[ChangeController.MAX_DECISION_MODEL_BYTES + 1];
        mvc.perform(post("/api/v1/changes/decision-model").contentType(MediaType.APPLICATION_XML).content(tooLarge)
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(413))
                .andExpect(jsonPath("$.detail", containsString("nothing was submitted")));
        mvc.perform(post("/api/v1/changes/scoring-model").contentType(MediaType.TEXT_XML).content("")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.title").value("Empty upload"));
        verifyNoInteractions(changes);
    }

    @Test
    void aRefusalOfTheServiceCarriesTheCompilerMessages() throws Exception {
        when(changes.submit(any(), any(), any(), any(), any(), any(), any())).thenThrow(new ChangeRejected(422,
                "Rule set does not compile", "irsf.drl: 1 error", List.of("irsf.drl [1,9]: no viable alternative"), Map.of()));

        mvc.perform(post("/api/v1/changes/rules").contentType(MediaType.APPLICATION_JSON).content(RULE_SET)
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(422))
                .andExpect(jsonPath("$.errors[0]").value("irsf.drl [1,9]: no viable alternative"));
    }

    @Test
    void aReviewIsInTheReviewersNameWithItsNote() throws Exception {
        AssetChange c = Changes.pending(AssetKind.RULES, "rules", "DEPLOY", RULE_SET, "analyst1");
        when(changes.approve(any(), any(), any())).thenReturn(Changes.reviewed(c, AssetChange.Status.APPROVED, "analyst2", "fine"));

        mvc.perform(post("/api/v1/changes/{id}/approve", c.changeId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"fine\"}").with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.reviewer").value("analyst2"));
        verify(changes).approve(c.changeId(), "analyst2", "fine");
    }

    @Test
    void aBadNoteOrIdIsRefusedAndFourEyesComesBackAsAProblem() throws Exception {
        UUID id = UUID.randomUUID();
        mvc.perform(post("/api/v1/changes/{id}/reject", id).contentType(MediaType.APPLICATION_JSON).content("{\"note\":5}")
                        .with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("note must be text"));
        mvc.perform(post("/api/v1/changes/{id}/reject", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"" + "x".repeat(2001) + "\"}").with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(problem(400));
        mvc.perform(post("/api/v1/changes/not-a-change/withdraw").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400));
        verifyNoInteractions(changes);

        when(changes.approve(any(), any(), any())).thenThrow(new ChangeRejected(403, "Four eyes",
                "you submitted this change; someone else must approve it"));
        mvc.perform(post("/api/v1/changes/{id}/approve", id).with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(403))
                .andExpect(jsonPath("$.title").value("Four eyes"));
    }

    @Test
    void theListIsFilteredByKindAndStatusWithinItsLimit() throws Exception {
        AssetChange c = Changes.pending(AssetKind.DECISION_MODEL, "decision-model", "DEPLOY", "<definitions/>", "analyst1");
        when(store.list(AssetKind.DECISION_MODEL, AssetChange.Status.PENDING, 10, "compliance1")).thenReturn(List.of(c));

        mvc.perform(get("/api/v1/changes").param("kind", "decision-model").param("status", "pending").param("limit", "10")
                        .with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("decision-model"))
                .andExpect(jsonPath("$[0].status").value("PENDING"));
        mvc.perform(get("/api/v1/changes").param("kind", "firmware").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", containsString("rules, decision-model, scoring-model, hot-list")));
        mvc.perform(get("/api/v1/changes").param("status", "lost").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400));
        mvc.perform(get("/api/v1/changes").param("limit", "501").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400));
    }

    @Test
    void contentIsAnAttachmentABrowserMustNotRender() throws Exception {
        AssetChange c = Changes.pending(AssetKind.DECISION_MODEL, "decision-model", "DEPLOY", "<definitions/>", "analyst1");
        when(store.find(c.changeId())).thenReturn(Optional.of(c));

        mvc.perform(get("/api/v1/changes/{id}/content", c.changeId()).with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(content().string("<definitions/>"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"change-" + c.changeId() + ".dmn\""))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", containsString("sandbox")));
        mvc.perform(get("/api/v1/changes/{id}", UUID.randomUUID()).with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(problem(404));
    }
}
