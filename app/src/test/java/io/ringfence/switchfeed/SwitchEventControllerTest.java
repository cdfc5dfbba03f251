package io.ringfence.switchfeed;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A switch's report: 202 once on the topic, a problem naming the field when it is not a contract event, 503 when the broker is away
 *  (the real broker and dead-letter topic: demo's SwitchInTheLoopTest). */
@ApiSlice
class SwitchEventControllerTest {
    private static final String SIP = "{\"eventId\":\"kamailio-1\",\"type\":\"SIP\",\"timestamp\":\"2026-12-01T10:00:00.123Z\","
            + "\"subscriber\":\"+442079460100\",\"method\":\"INVITE\",\"responseCode\":403,\"sourceIp\":\"%s\","
            + "\"fromUri\":\"sip:+442079460100@192.0.2.1\",\"toUri\":\"sip:+88213500001@192.0.2.1\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext slice;
    @Autowired
    SwitchEventIngest ingest;

    @BeforeEach
    void parseForReal() {
        ParsingSwitchEvents.stub(slice);
    }

    @Test
    void aContractEventIsAccepted() throws Exception {
        mvc.perform(post("/api/v1/switch-events").contentType(MediaType.APPLICATION_JSON).content(SIP.formatted("198.51.100.7"))
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.eventId").value("kamailio-1"));
    }

    @Test
    void aBadEventIsAProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/switch-events").contentType(MediaType.APPLICATION_JSON).content(SIP.formatted("999.1.1.1"))
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.field").value("sourceIp"))
                .andExpect(jsonPath("$.detail").value(containsString("dead-letter")));
    }

    @Test
    void aBrokerAwayIsServiceUnavailable() throws Exception {
        when(ingest.accept(any())).thenThrow(new SwitchEventIngest.BrokerUnavailable("the broker did not acknowledge the event within 5 s"));
        mvc.perform(post("/api/v1/switch-events").contentType(MediaType.APPLICATION_JSON).content(SIP.formatted("198.51.100.7"))
                        .with(SignedIn.as("switch1", "switch-client")))
                .andExpect(problem(503))
                .andExpect(jsonPath("$.detail").value(containsString("did not acknowledge")));
    }
}
