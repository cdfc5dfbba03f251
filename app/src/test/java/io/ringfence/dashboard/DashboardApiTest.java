package io.ringfence.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.RingfenceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The dashboard as the console reads it, on the application as it starts (the same context as AuditApiTest). */
@SpringBootTest(classes = RingfenceApplication.class, properties = "ringfence.demo.enabled=false")
@AutoConfigureMockMvc
class DashboardApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void everyWindowIsWholeStepsOnBothClocksWithTheVersionsInForce() throws Exception {
        for (var w : DashboardController.STEPS.entrySet()) {
            String body = mvc.perform(get("/api/v1/dashboard").param("window", w.getKey().toLowerCase())
                            .with(httpBasic("handler1", "ringfence-demo")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            JsonNode d = mapper.readTree(body);
            Duration span = Duration.parse(w.getKey());
            long points = span.dividedBy(w.getValue());
            assertThat(d.path("window").asText()).isEqualTo(w.getKey());
            assertThat(d.path("stepSeconds").asLong()).isEqualTo(w.getValue().toSeconds());
            for (String clock : new String[] {"traffic", "instance"}) {
                JsonNode c = d.path(clock);
                assertThat(Duration.between(Instant.parse(c.path("from").asText()), Instant.parse(c.path("to").asText())))
                        .as(clock).isEqualTo(span);
                assertThat(c.path("series")).as(clock).hasSize((int) points);
                assertThat(Instant.parse(c.path("series").get(0).path("at").asText())).isEqualTo(Instant.parse(c.path("from").asText()));
            }
            long alerts = 0;
            for (JsonNode n : d.path("traffic").path("alertsByTypology")) {
                alerts += n.asLong();
            }
            assertThat(d.path("traffic").path("alerts").asLong()).isEqualTo(alerts);
            long perStep = 0;
            for (JsonNode s : d.path("traffic").path("series")) {
                perStep += s.path("decisions").asLong();
            }
            assertThat(perStep).as("the steps add up to the window's decisions").isEqualTo(
                    d.path("traffic").path("decisions").path("total").asLong());
            assertThat(d.path("versions").path("rules").asText()).isNotBlank();
            assertThat(d.path("versions").path("decision-model").asText()).isNotBlank();
            assertThat(d.path("openCases").isArray()).isTrue();
            assertThat(body).as("counts only: no number").doesNotContainPattern("\\+?44\\d{8,}");
        }
    }

    @Test
    void anUnknownWindowIsAProblemAndASwitchMayNotRead() throws Exception {
        mvc.perform(get("/api/v1/dashboard").param("window", "P1Y").with(httpBasic("analyst1", "ringfence-demo")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/dashboard").with(httpBasic("switch1", "ringfence-demo")))
                .andExpect(status().isForbidden());
    }
}
