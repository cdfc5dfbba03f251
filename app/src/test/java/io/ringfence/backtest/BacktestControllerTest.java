package io.ringfence.backtest;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.ringfence.security.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The backtest API's own checks, and what it hands to the service. */
@ApiSlice
class BacktestControllerTest {
    private static final UUID CHANGE = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-03T00:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    BacktestService backtests;
    @Autowired
    BacktestStore store;
    @Autowired
    EventsUpload uploads;
    @Autowired
    io.ringfence.governance.Drafts drafts;

    @org.junit.jupiter.api.BeforeEach
    void noDrafts() {
        when(drafts.visible(any())).thenReturn(true);
    }

    @Test
    void aBacktestIsStartedForTheSignedInAnalystAndAnswers202WithTheJob() throws Exception {
        Backtest queued = job(Backtest.Status.QUEUED);
        when(backtests.start(CHANGE, FROM, TO, "analyst1")).thenReturn(queued);

        mvc.perform(post("/api/v1/changes/" + CHANGE + "/backtests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"2026-03-02T00:00:00Z\",\"to\":\"2026-03-03T00:00:00Z\"}")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/backtests/" + queued.backtestId()))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.changeId").value(CHANGE.toString()))
                .andExpect(jsonPath("$.differences").value("/api/v1/backtests/" + queued.backtestId() + "/differences"));
        verify(backtests).start(CHANGE, FROM, TO, "analyst1");
    }

    @Test
    void aRangeThatIsMissingOrNotAnInstantIsRefusedBeforeAnythingRuns() throws Exception {
        for (String body : List.of("{}", "{\"from\":\"2026-03-02\",\"to\":\"2026-03-03T00:00:00Z\"}",
                "{\"from\":\"2026-03-02T00:00:00Z\",\"to\":42}")) {
            mvc.perform(post("/api/v1/changes/" + CHANGE + "/backtests").contentType(MediaType.APPLICATION_JSON)
                            .content(body).with(SignedIn.as("analyst1", "fraud-analyst")))
                    .andExpect(problem(400))
                    .andExpect(jsonPath("$.title").value("Invalid request"));
        }
        verifyNoInteractions(backtests);
    }

    @Test
    void aFileSentAsTheBodyIsHandedOnWithItsNameAndItsInputShown() throws Exception {
        EventsUpload.Input input = new EventsUpload.Input("day.jsonl", 42, "ab", 3, 2, 1,
                List.of(new EventsUpload.Rejection(2, "timestamp", "required")));
        EventsUpload.Received received = new EventsUpload.Received(null, input, FROM, TO);
        when(uploads.receive(any(), eq("day.jsonl"))).thenAnswer(a -> {
            byte[] body = ((java.io.InputStream) a.getArgument(0)).readAllBytes();
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
            return received;
        });
        Backtest queued = new Backtest(UUID.randomUUID(), CHANGE, "RULES", "live-1", "draft-1", FROM, TO,
                Backtest.Status.QUEUED, "analyst2", FROM, null, null, 0, null, null, null,
                "{\"name\":\"day.jsonl\",\"rejected\":1}");
        BacktestService.Plan plan = new BacktestService.Plan(CHANGE, null, "live-1", null, null);
        when(backtests.plan(CHANGE)).thenReturn(plan);
        when(backtests.startOnFile(plan, received, "analyst2")).thenReturn(queued);

        mvc.perform(post("/api/v1/changes/" + CHANGE + "/backtests").param("name", "day.jsonl")
                        .contentType("application/x-ndjson").content("{\"a\":1}\n")
                        .with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/backtests/" + queued.backtestId()))
                .andExpect(jsonPath("$.input.name").value("day.jsonl"))
                .andExpect(jsonPath("$.input.rejected").value(1));
        verify(backtests).startOnFile(plan, received, "analyst2");

        when(uploads.receive(any(), eq("huge.jsonl"))).thenThrow(new BacktestRejected(413, "File too large", "limited"));
        mvc.perform(post("/api/v1/changes/" + CHANGE + "/backtests").param("name", "huge.jsonl")
                        .contentType("application/gzip").content(new byte[]{1, 2})
                        .with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(problem(413))
                .andExpect(jsonPath("$.title").value("File too large"));
    }

    @Test
    void aBacktestOfSomeoneElsesDraftIsNotFoundNorCancelled() throws Exception {
        Backtest running = job(Backtest.Status.RUNNING);
        when(backtests.find(running.backtestId())).thenReturn(Optional.of(running));
        when(drafts.visible(CHANGE)).thenReturn(false);

        mvc.perform(get("/api/v1/backtests/" + running.backtestId()).with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(problem(404));
        mvc.perform(get("/api/v1/backtests/" + running.backtestId() + "/differences")
                        .with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(problem(404));
        mvc.perform(delete("/api/v1/backtests/" + running.backtestId()).with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(problem(404));
        verify(backtests, org.mockito.Mockito.never()).cancel(any());
    }

    @Test
    void progressIsTheShareOfTheRangesEventsDone() throws Exception {
        Backtest running = new Backtest(UUID.randomUUID(), CHANGE, "RULES", "live-1", "draft-1", FROM, TO,
                Backtest.Status.RUNNING, "analyst1", FROM, FROM, null, 250, 1000L, null, null, null);
        when(backtests.find(running.backtestId())).thenReturn(Optional.of(running));

        mvc.perform(get("/api/v1/backtests/" + running.backtestId()).with(SignedIn.as("analyst2", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.progress").value(0.25))
                .andExpect(jsonPath("$.eventsTotal").value(1000));
    }

    @Test
    void differencesAreFilteredByTypologyKindAndChangeAndAnUnknownKindIsRefused() throws Exception {
        Backtest done = job(Backtest.Status.DONE);
        when(backtests.find(done.backtestId())).thenReturn(Optional.of(done));
        BacktestStore.Filter wangiriDecisions = new BacktestStore.Filter("WANGIRI", Output.Kind.DECISION, Difference.Change.REMOVED);
        Difference d = new Difference(Output.Kind.DECISION, Difference.Change.REMOVED, "d-1", "WANGIRI", "WANGIRI-001",
                "NUMBER", "+882161234", null, FROM.toEpochMilli(), "BLOCK_NUMBER 24h p1", null, "CONFIRMED_FRAUD");
        when(store.differences(done.backtestId(), wangiriDecisions, 1, 10)).thenReturn(List.of(d));
        when(store.countDifferences(done.backtestId(), wangiriDecisions)).thenReturn(11L);

        mvc.perform(get("/api/v1/backtests/" + done.backtestId() + "/differences").param("typology", "WANGIRI")
                        .param("kind", "decision").param("change", "removed").param("page", "1").param("size", "10")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(11))
                .andExpect(jsonPath("$.items[0].live").value("BLOCK_NUMBER 24h p1"))
                .andExpect(jsonPath("$.items[0].caseOutcome").value("CONFIRMED_FRAUD"));

        mvc.perform(get("/api/v1/backtests/" + done.backtestId() + "/differences").param("kind", "alarm")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("kind must be one of")));
    }

    @Test
    void anUnknownBacktestIsNotFoundAndAFinishedOneCannotBeCancelled() throws Exception {
        when(backtests.find(any())).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/backtests/" + UUID.randomUUID()).with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(404));

        UUID finished = UUID.randomUUID();
        when(backtests.cancel(eq(finished))).thenThrow(new BacktestRejected(409, "Already finished", "it is DONE"));
        mvc.perform(delete("/api/v1/backtests/" + finished).with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(409))
                .andExpect(jsonPath("$.title").value("Already finished"));
    }

    private static Backtest job(Backtest.Status status) {
        return new Backtest(UUID.randomUUID(), CHANGE, "RULES", "live-1", "draft-1", FROM, TO, status, "analyst1", FROM,
                null, null, 0, null, null, null, null);
    }
}
