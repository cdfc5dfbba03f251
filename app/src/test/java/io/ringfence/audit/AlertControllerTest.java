package io.ringfence.audit;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static io.ringfence.security.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A subscriber's alerts, newest first, with each stored alert's JSON as it is. */
@ApiSlice
class AlertControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    AlertRecordRepository alerts;

    @Test
    void aPageOfTheSubscribersAlertsCarriesEachAlertsJson() throws Exception {
        AlertRecord open = mock(AlertRecord.class);
        when(open.getPayload()).thenReturn("{\"alertId\":\"AL1\",\"typology\":\"IRSF\"}");
        AlertRecord closed = mock(AlertRecord.class);
        when(closed.isClosed()).thenReturn(true);
        when(closed.getPayload()).thenReturn("{\"alertId\":\"AL0\"}");
        when(alerts.findBySubscriberOrderByDetectedAtDesc(any(), any()))
                .thenReturn(new PageImpl<>(List.of(open, closed), PageRequest.of(1, 2), 5));

        mvc.perform(get("/api/v1/alerts").param("subscriber", " 447700900001 ").param("page", "1").param("size", "2")
                        .with(SignedIn.as("handler1", "case-handler")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items[0].closed").value(false))
                .andExpect(jsonPath("$.items[0].alert.typology").value("IRSF"))
                .andExpect(jsonPath("$.items[1].closed").value(true));
        verify(alerts).findBySubscriberOrderByDetectedAtDesc("447700900001", PageRequest.of(1, 2));
    }

    @Test
    void withoutASubscriberOrWithABadPageTheQueryIsRefused() throws Exception {
        mvc.perform(get("/api/v1/alerts").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'subscriber' is required"));
        mvc.perform(get("/api/v1/alerts").param("subscriber", "447700900001").param("size", "many")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("'size' must be a whole number, got 'many'"));
        mvc.perform(get("/api/v1/alerts").param("subscriber", "447700900001").param("page", "-1")
                        .with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400));
        verifyNoInteractions(alerts);
    }
}
