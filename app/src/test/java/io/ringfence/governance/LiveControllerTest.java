package io.ringfence.governance;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

/** What is live, the shipped rule files, and rolling back. */
@ApiSlice
class LiveControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    ChangeStore store;
    @Autowired
    LiveAssets live;
    @Autowired
    ChangeService changes;
    @Autowired
    LiveRuleFiles ruleFiles;

    @Test
    void eachKindShowsWhatTheClusterMustRunAndWhatThisInstanceRuns() throws Exception {
        UUID approved = UUID.randomUUID();
        Map<AssetKind, LiveAssets.InForce> inForce = new EnumMap<>(AssetKind.class);
        inForce.put(AssetKind.RULES, new LiveAssets.InForce(3, approved, "rules-1.1", null));
        inForce.put(AssetKind.DECISION_MODEL, new LiveAssets.InForce(0, null, "decide-1", null));
        when(live.inForce()).thenReturn(inForce);
        when(store.live()).thenReturn(List.of(new ChangeStore.Live(AssetKind.RULES, approved, 3,
                Instant.parse("2026-09-01T09:00:00Z"), "supervisor1", "APPROVED")));

        mvc.perform(get("/api/v1/live").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules.changeId").value(approved.toString()))
                .andExpect(jsonPath("$.rules.setBy").value("supervisor1"))
                .andExpect(jsonPath("$.rules.inForceVersion").value("rules-1.1"))
                .andExpect(jsonPath("$['decision-model'].how").value("SHIPPED"));
    }

    @Test
    void theShippedRuleFilesComeInTheShapeOfAnUpload() throws Exception {
        when(live.inForce()).thenReturn(Map.of(AssetKind.RULES, new LiveAssets.InForce(0, null, "shipped-rules", null)));
        // The slice mocks the component; what it answers for a shipped rule set is the real one's, on the mocked live state.
        AssetCompiler.RuleSetUpload shipped = new LiveRuleFiles(live, store, null, null).current();
        when(ruleFiles.current()).thenReturn(shipped);

        mvc.perform(get("/api/v1/live/rules/files").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value("shipped-rules"))
                .andExpect(jsonPath("$.files", org.hamcrest.Matchers.aMapWithSize(org.hamcrest.Matchers.greaterThan(0))))
                .andExpect(jsonPath("$.parameters").isEmpty());
    }

    @Test
    void theLiveDecisionModelIsServedByteForByteAsItWasShipped() throws Exception {
        byte[] shipped = "<?xml version=\"1.0\"?>\n<dmn:definitions name=\"disposition\">  é </dmn:definitions>\r\n"
                .getBytes(StandardCharsets.UTF_8);
        when(live.inForce()).thenReturn(Map.of(AssetKind.DECISION_MODEL, new LiveAssets.InForce(0, null, "sha256:0a1b2c", null)));
        when(live.baseDecisionModelSource()).thenReturn(shipped);

        mvc.perform(get("/api/v1/live/decision-model/content").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(content().bytes(shipped))
                .andExpect(header().string("Ringfence-Version", "sha256:0a1b2c"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Security-Policy", containsString("sandbox")));
    }

    @Test
    void theLiveDecisionModelIsServedByteForByteAsItsApprovedChangeWasSubmitted() throws Exception {
        AssetChange approved = Changes.pending(AssetKind.DECISION_MODEL, "decision-model", "DEPLOY",
                "<dmn:definitions name=\"disposition\">\t<!-- row D-07: 48 h --></dmn:definitions>", "analyst1");
        when(live.inForce()).thenReturn(Map.of(AssetKind.DECISION_MODEL,
                new LiveAssets.InForce(2, approved.changeId(), "2026.12.4", null)));
        when(store.find(approved.changeId())).thenReturn(java.util.Optional.of(approved));

        mvc.perform(get("/api/v1/live/decision-model/content").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(content().bytes(approved.content()))
                .andExpect(header().string("Ringfence-Version", "2026.12.4"));
        verify(live, org.mockito.Mockito.never()).baseDecisionModelSource();
    }

    @Test
    void aCaseHandlerCannotReadTheDecisionModel() throws Exception {
        mvc.perform(get("/api/v1/live/decision-model/content").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(403));
        verifyNoInteractions(live);
    }

    @Test
    void aRollbackNamesAnApprovedChangeOrShipped() throws Exception {
        when(changes.rollback(any(), any(), any(), any())).thenReturn(new LiveAssets.InForce(4, null, "shipped", null));

        mvc.perform(post("/api/v1/live/{kind}/rollback", "rules").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"to\":\"shipped\",\"note\":\"false positives\"}").with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(4));
        verify(changes).rollback(AssetKind.RULES, null, "supervisor1", "false positives");
    }

    @Test
    void aRollbackWithoutATargetOrOfAnEditIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/live/{kind}/rollback", "rules").contentType(MediaType.APPLICATION_JSON).content("{}")
                        .with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.field").value("to"));
        mvc.perform(post("/api/v1/live/{kind}/rollback", "rules").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"to\":\"yesterday\"}").with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(problem(400));
        mvc.perform(post("/api/v1/live/{kind}/rollback", "hot-list").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"to\":\"shipped\"}").with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(problem(404))
                .andExpect(jsonPath("$.detail", containsString("rules, decision-model, scoring-model")));
        verifyNoInteractions(changes);
    }
}
