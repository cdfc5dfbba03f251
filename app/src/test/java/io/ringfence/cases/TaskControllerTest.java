package io.ringfence.cases;

import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.security.ApiSlice;
import io.ringfence.security.CurrentUser;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.kie.kogito.usertask.UserTaskInstanceNotAuthorizedException;
import org.kie.kogito.usertask.lifecycle.UserTaskTransitionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.ringfence.security.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The task list acts in the signed-in person's name; Kogito's refusals come back as problems. */
@ApiSlice
class TaskControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    CaseTasks tasks;
    @Autowired
    CaseStore store;

    private static CaseTask triage(FraudCase c, String owner) {
        return new CaseTask("t-1", c.caseId(), "Triage", "Reserved", List.of("case-handler"), owner, List.of(),
                Instant.parse("2026-09-01T08:00:00Z"), null, null, null, null);
    }

    @Test
    void aClaimedTaskComesWithItsCaseAndItsOutcomeForm() throws Exception {
        FraudCase c = CaseControllerTest.aCase("analyst1");
        when(tasks.claim(eq("t-1"), any())).thenReturn(triage(c, "handler1"));
        when(store.find(c.caseId())).thenReturn(Optional.of(c));

        mvc.perform(post("/api/v1/tasks/t-1/claim").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task.owner").value("handler1"))
                .andExpect(jsonPath("$.fraudCase.caseId").value(c.caseId().toString()))
                .andExpect(jsonPath("$.form[0]").value("outcome: CONFIRMED_FRAUD | FALSE_POSITIVE | NEEDS_INFO"));
        verify(tasks).claim("t-1", new CurrentUser("handler1", List.of("case-handler")));
    }

    @Test
    void delegateAndCompleteTakeTheirBodies() throws Exception {
        FraudCase c = CaseControllerTest.aCase("analyst1");
        when(tasks.delegate(any(), any(), any())).thenReturn(triage(c, "handler2"));
        when(tasks.complete(any(), any(), any())).thenReturn(triage(c, "handler2"));

        mvc.perform(post("/api/v1/tasks/t-1/delegate").contentType(MediaType.APPLICATION_JSON).content("{\"to\":\"handler2\"}")
                        .with(SignedIn.as("supervisor1", "case-handler", "supervisor")))
                .andExpect(status().isOk());
        verify(tasks).delegate(eq("t-1"), eq("handler2"), any());
        mvc.perform(post("/api/v1/tasks/t-1/complete").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"FALSE_POSITIVE\"}").with(SignedIn.as("handler2", "case-handler")))
                .andExpect(status().isOk());
        verify(tasks).complete(eq("t-1"), argThat((JsonNode form) -> "FALSE_POSITIVE".equals(form.path("outcome").asText())),
                eq(new CurrentUser("handler2", List.of("case-handler"))));
    }

    @Test
    void theListIsPagedWithinItsBounds() throws Exception {
        when(tasks.available(any(), any())).thenReturn(new CaseStore.Page<>(List.of(), 0));

        mvc.perform(get("/api/v1/tasks").param("mine", "true").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.size").value(50));
        verify(tasks).available(new TaskQuery(null, null, null, true, false, 0, 50),
                new CurrentUser("handler1", List.of("case-handler")));
        mvc.perform(get("/api/v1/tasks").param("page", "-1").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.field").value("page"));
        mvc.perform(get("/api/v1/tasks").param("caseId", "not-a-case").with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(400));
    }

    @Test
    void refusalsOfTheTaskLifecycleAreProblems() throws Exception {
        when(tasks.visible(eq("gone"), any())).thenThrow(CaseException.notFound("task gone"));
        when(tasks.release(eq("theirs"), any())).thenThrow(CaseException.conflict("only the owner can release task theirs"));
        when(tasks.claim(eq("locked"), any())).thenThrow(new UserTaskInstanceNotAuthorizedException("not yours"));
        when(tasks.claim(eq("done"), any())).thenThrow(new UserTaskTransitionException("no claim from Completed"));
        when(tasks.complete(eq("broken"), any(), any())).thenThrow(new IllegalStateException("process engine failed"));

        mvc.perform(get("/api/v1/tasks/gone").with(SignedIn.as("handler1", "case-handler"))).andExpect(problem(404));
        mvc.perform(post("/api/v1/tasks/theirs/release").with(SignedIn.as("handler1", "case-handler"))).andExpect(problem(409));
        mvc.perform(post("/api/v1/tasks/locked/claim").with(SignedIn.as("handler1", "case-handler"))).andExpect(problem(403));
        mvc.perform(post("/api/v1/tasks/done/claim").with(SignedIn.as("handler1", "case-handler"))).andExpect(problem(409));
        // The operator's log has the trace; the caller gets a plain problem.
        mvc.perform(post("/api/v1/tasks/broken/complete").contentType(MediaType.APPLICATION_JSON).content("{}")
                        .with(SignedIn.as("handler1", "case-handler")))
                .andExpect(problem(500))
                .andExpect(jsonPath("$.detail").value("the case could not be moved on; nothing was changed (see the service log)"));
        verifyNoInteractions(store);
    }
}
