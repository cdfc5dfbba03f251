package io.ringfence.cases;

import io.ringfence.workflows.CaseHistoryEntry;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.ringfence.security.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The case list, one case with its evidence, opening a case by hand, and the labels export. */
@ApiSlice
class CaseControllerTest {
    private static final String OPEN = "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900077\"},"
            + "\"subscriber\":\"+447700900077\",\"typology\":\"SIM_SWAP\",\"note\":\"call centre report\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    CaseStore store;
    @Autowired
    CaseService service;
    @Autowired
    CaseEvidence evidence;
    @Autowired
    OpeningDecision opening;
    @Autowired
    CaseLabels labels;

    static FraudCase aCase(String openedBy) {
        return new FraudCase(UUID.randomUUID(), null, "pi-1", FraudCase.OPEN, "TRIAGE", null, "SIM_SWAP", null, "HIGH", 3,
                "fraud-ops", 240, "SUBSCRIBER", "+447700900077", "+447700900077", List.of(), openedBy,
                Instant.parse("2026-09-01T08:00:00Z"), null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aCaseOpenedByHandIsCreatedInTheCallersName() throws Exception {
        FraudCase c = aCase("analyst1");
        when(service.openByHand(any(), any())).thenReturn(c);

        mvc.perform(post("/api/v1/cases").contentType(MediaType.APPLICATION_JSON).content(OPEN)
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/cases/" + c.caseId()))
                .andExpect(jsonPath("$.caseId").value(c.caseId().toString()))
                .andExpect(jsonPath("$.openedBy").value("analyst1"));
        verify(service).openByHand(eq(new CaseService.NewCase(new CaseService.NewCase.Target("SUBSCRIBER", "+447700900077"),
                "+447700900077", "SIM_SWAP", null, null, null, "call centre report", List.of(), List.of())),
                argThat(user -> user.name().equals("analyst1")));
    }

    @Test
    void aCaseWithoutATargetOrNoteOrWithAnUnknownKindIsNotOpened() throws Exception {
        String[] refused = {
                "{\"typology\":\"SIM_SWAP\",\"note\":\"x\"}",
                "{\"target\":{\"kind\":\"PLANET\",\"value\":\"mars\"},\"typology\":\"SIM_SWAP\",\"note\":\"x\"}",
                "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900077\"},\"typology\":\"sim swap\",\"note\":\"x\"}",
                "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900077\"},\"typology\":\"SIM_SWAP\",\"note\":\" \"}"};
        String[] fields = {"target", "target.kind", "typology", "note"};
        for (int i = 0; i < refused.length; i++) {
            mvc.perform(post("/api/v1/cases").contentType(MediaType.APPLICATION_JSON).content(refused[i])
                            .with(SignedIn.as("handler1", "case-handler")))
                    .andExpect(problem(400))
                    .andExpect(jsonPath("$.field").value(fields[i]));
        }
        mvc.perform(post("/api/v1/cases").contentType(MediaType.APPLICATION_JSON).content("{\"target\":")
                        .with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400));
        verifyNoInteractions(service);
    }

    @Test
    void theListTakesItsFiltersAndAnAgeAsADuration() throws Exception {
        FraudCase c = aCase("analyst1");
        when(store.list(any())).thenReturn(new CaseStore.Page<>(List.of(c), 51));

        Instant before = Instant.now();
        mvc.perform(get("/api/v1/cases").param("status", "OPEN").param("olderThan", "PT4H").param("page", "1")
                        .param("size", "50").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(51))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.items[0].typology").value("SIM_SWAP"));
        org.mockito.ArgumentCaptor<CaseQuery> query = org.mockito.ArgumentCaptor.forClass(CaseQuery.class);
        verify(store).list(query.capture());
        assertThat(query.getValue().status()).isEqualTo("OPEN");
        assertThat(query.getValue().page()).isEqualTo(1);
        assertThat(query.getValue().openedBefore()).isBetween(before.minus(Duration.ofHours(4)),
                Instant.now().minus(Duration.ofHours(4)));
    }

    @Test
    void aBadPageOrAgeIsAProblem() throws Exception {
        mvc.perform(get("/api/v1/cases").param("size", "501").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/v1/cases").param("olderThan", "-PT1H").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.field").value("olderThan"));
        mvc.perform(get("/api/v1/cases").param("olderThan", "a while").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400));
        verifyNoInteractions(store);
    }

    @Test
    void oneCaseComesWithItsDecisionEvidenceTasksAndHistory() throws Exception {
        FraudCase c = aCase("analyst1");
        when(store.find(c.caseId())).thenReturn(Optional.of(c));
        when(opening.asJson(c)).thenReturn(JsonNodeFactory.instance.objectNode().put("decisionId", "D1"));
        when(evidence.alerts(c)).thenReturn(List.of(JsonNodeFactory.instance.objectNode().put("alertId", "AL1")));
        when(store.history(c.caseId())).thenReturn(List.of(new CaseHistoryEntry(1, Instant.parse("2026-09-01T08:00:00Z"),
                "analyst1", "CASE_OPENED", null, "{}")));

        mvc.perform(get("/api/v1/cases/{id}", c.caseId()).with(SignedIn.as("handler1", "case-handler")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fraudCase.caseId").value(c.caseId().toString()))
                .andExpect(jsonPath("$.decision.decisionId").value("D1"))
                .andExpect(jsonPath("$.alerts[0].alertId").value("AL1"))
                .andExpect(jsonPath("$.events").isEmpty())
                .andExpect(jsonPath("$.history[0].action").value("CASE_OPENED"));
        mvc.perform(get("/api/v1/cases/{id}", UUID.randomUUID()).with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(404))
                .andExpect(jsonPath("$.detail", startsWith("case ")));
        mvc.perform(get("/api/v1/cases/{id}", "case-1").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400));
    }

    @Test
    void labelsAreNdjsonFromTheGivenTime() throws Exception {
        when(labels.export(any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn("{\"msisdn\":\"+447700900077\"}\n");

        mvc.perform(get("/api/v1/cases/labels").param("closedAfter", "2026-09-01T00:00:00Z").param("limit", "200000")
                        .with(SignedIn.as("supervisor1", "supervisor")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
                .andExpect(content().string("{\"msisdn\":\"+447700900077\"}\n"));
        verify(labels).export(eq(Instant.parse("2026-09-01T00:00:00Z")), eq(100_000));
    }

    @Test
    void aReadThatFailsDoesNotSayACaseWasMovedOn() throws Exception {
        when(store.list(any())).thenThrow(new IllegalStateException("the store is down"));
        mvc.perform(get("/api/v1/cases").with(io.ringfence.security.SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(500))
                .andExpect(jsonPath("$.detail").value("the cases or tasks could not be read (see the service log)"));
    }
}
