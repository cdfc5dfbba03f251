package io.ringfence.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.ringfence.security.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The compliance query: filters parsed from the query string, a JSON page, or every match as CSV. */
@ApiSlice
class AuditQueryControllerTest {
    private static final AuditQueries.Entry DA1 = new AuditQueries.Entry(Instant.parse("2026-09-01T08:00:00Z"),
            LocalDate.parse("2026-09-01"), 1, "DECISION", "DA1", "ringfence", "BLOCK_SUBSCRIBER", true, null,
            "SUBSCRIBER", "447700900111", "IRSF", "447700900111", null, List.of("AL1"), List.of("E1", "E2"), "rules-1.0",
            "decide", "1", "fraud", "1", JsonNodeFactory.instance.objectNode().put("decisionId", "DA1"), "h1");

    @Autowired
    MockMvc mvc;
    @Autowired
    AuditQueries queries;

    @Test
    void theFiltersReachTheQueryAndThePageComesBackAsJson() throws Exception {
        when(queries.entries(any(), any())).thenReturn(new AuditQueries.Page<>(List.of(DA1), 0, 2, 3, 2));

        mvc.perform(get("/api/v1/audit/decisions").param("subscriber", "447700900111").param("typology", "irsf")
                        .param("action", "block_subscriber").param("decisionId", " DA1 ").param("from", "2026-09-01").param("size", "2")
                        .with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].decisionId").value("DA1"))
                .andExpect(jsonPath("$.items[0].chainDay").value("2026-09-01"))
                .andExpect(jsonPath("$.items[0].content.decisionId").value("DA1"));
        verify(queries).entries(new AuditQuery("447700900111", null, "IRSF", "BLOCK_SUBSCRIBER", null, null, "DA1", "DECISION",
                Instant.parse("2026-09-01T00:00:00Z"), null, null), new QueryParameters.Paging(0, 2));
    }

    @Test
    void csvByAcceptHeaderOrByPathIsTheSameAttachment() throws Exception {
        doAnswer(call -> {
            call.<AuditQueries.EntryConsumer>getArgument(1).accept(DA1);
            return null;
        }).when(queries).stream(any(), any());

        String byAccept = mvc.perform(get("/api/v1/audit/decisions").param("subscriber", "447700900111")
                        .accept("text/csv").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsString();
        String byPath = mvc.perform(get("/api/v1/audit/decisions.csv").param("subscriber", "447700900111")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(byAccept.split("\r\n")).hasSize(2);
        assertThat(byAccept).startsWith("recorded_at,chain_day,chain_seq,kind,decision_id")
                .contains("\r\n2026-09-01T08:00:00Z,2026-09-01,1,DECISION,DA1,ringfence,BLOCK_SUBSCRIBER,true,,SUBSCRIBER,");
        assertThat(byPath).isEqualTo(byAccept);
        verify(queries, org.mockito.Mockito.times(2)).stream(eq(new AuditQuery("447700900111", null, null, null, null,
                null, null, "DECISION", null, null, null)), any());
    }

    @Test
    void aBadFilterIsAProblemNamingIt() throws Exception {
        mvc.perform(get("/api/v1/audit/decisions").param("size", "5000").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'size' must be between 1 and 1000, got 5000"));
        mvc.perform(get("/api/v1/audit/decisions").param("action", "NUKE").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("'action' must be one of [ALLOW, MONITOR")));
        mvc.perform(get("/api/v1/audit/decisions").param("kind", "EVERYTHING").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400));
        mvc.perform(get("/api/v1/audit/decisions.csv").param("to", "soon").with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail", startsWith("'to' must be an ISO-8601 instant")));
        verifyNoInteractions(queries);
    }

    @Test
    void aFailedCsvExportIsAProblemNotAnEmptyCsv() throws Exception {
        doAnswer(call -> {
            throw new org.springframework.dao.DataAccessResourceFailureException("the database is down");
        }).when(queries).stream(any(), any());
        for (var request : List.of(get("/api/v1/audit/decisions.csv"), get("/api/v1/audit/decisions").accept("text/csv"))) {
            mvc.perform(request.param("subscriber", "447700900111").with(SignedIn.as("compliance1", "compliance-officer")))
                    .andExpect(problem(500))
                    .andExpect(jsonPath("$.detail").value("the request could not be answered (see the service log)"));
        }
    }
}
