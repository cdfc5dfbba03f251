package io.ringfence.screening;

import io.ringfence.security.ApiSlice;
import io.ringfence.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static io.ringfence.security.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Reading a hot list page by page. */
@ApiSlice
class HotListControllerTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    HotLists hotLists;

    @Test
    void aPageOfAListInValueOrderWithTheNextPagesStart() throws Exception {
        when(hotLists.page(any(), any(), anyInt())).thenReturn(new HotLists.Page("allow-msisdn", 3,
                List.of(new HotLists.Entry("+447700900501", "test SIM, lab 2"), new HotLists.Entry("+447700900598", "VIP")),
                "+447700900598"));

        mvc.perform(get("/api/v1/hotlists/allow-msisdn").param("size", "2").param("after", "+447700900500")
                        .with(SignedIn.as("compliance1", "compliance-officer")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.entries[0].note").value("test SIM, lab 2"))
                .andExpect(jsonPath("$.next").value("+447700900598"));
        verify(hotLists).page(HotList.ALLOW_MSISDN, "+447700900500", 2);
    }

    @Test
    void anUnknownListOrABadPageSizeIsAProblem() throws Exception {
        mvc.perform(get("/api/v1/hotlists/vip").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(404))
                .andExpect(jsonPath("$.detail", containsString("allow-msisdn")));
        mvc.perform(get("/api/v1/hotlists/deny").param("size", "0").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("size must be 1-1000"));
        mvc.perform(get("/api/v1/hotlists/deny").param("size", "ten").with(SignedIn.as("analyst1", "fraud-analyst")))
                .andExpect(problem(400));
        verifyNoInteractions(hotLists);
    }
}
