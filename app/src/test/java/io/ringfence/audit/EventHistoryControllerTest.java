package io.ringfence.audit;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A subscriber's event history: the time range as instants or UTC days, checked before the query. */
@ApiSlice
class EventHistoryControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    AuditQueries queries;

    @Test
    void aDayIsReadAsItsStartInUtcAndThePageComesBackAsItIs() throws Exception {
        AuditQueries.Event e = new AuditQueries.Event(Instant.parse("2026-09-01T08:30:00Z"), "E1", "447700900222", "VOICE",
                0, 41L, null);
        when(queries.events(any(), any(), any(), any())).thenReturn(new AuditQueries.Page<>(List.of(e), 0, 50, 1, 1));

        mvc.perform(get("/api/v1/events").param("subscriber", "447700900222").param("from", "2026-09-01")
                        .param("to", "2026-09-02T00:00:00Z").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].eventId").value("E1"))
                .andExpect(jsonPath("$.items[0].eventTime").value("2026-09-01T08:30:00Z"));
        verify(queries).events("447700900222", Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-09-02T00:00:00Z"),
                new QueryParameters.Paging(0, QueryParameters.DEFAULT_SIZE));
    }

    @Test
    void aMissingSubscriberABadTimeOrAnEmptyRangeIsRefused() throws Exception {
        mvc.perform(get("/api/v1/events").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'subscriber' is required"));
        mvc.perform(get("/api/v1/events").param("subscriber", "447700900222").param("from", "yesterday")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("'from' must be an ISO-8601 instant")));
        mvc.perform(get("/api/v1/events").param("subscriber", "447700900222").param("from", "2026-09-02")
                        .param("to", "2026-09-01").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("'from' (2026-09-02T00:00:00Z) must be before 'to'")));
        mvc.perform(get("/api/v1/events").param("subscriber", "447700900222").param("size", "1001")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400));
        verifyNoInteractions(queries);
    }
}
