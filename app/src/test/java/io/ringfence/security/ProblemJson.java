package io.ringfence.security;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What every refusal of the API looks like: application/problem+json with its status, and nothing of the server's insides. */
public final class ProblemJson {
    private ProblemJson() {
    }

    public static ResultMatcher problem(int status) {
        List<ResultMatcher> all = List.of(
                status().is(status),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.status").value(status),
                jsonPath("$.title").isNotEmpty(),
                jsonPath("$.trace").doesNotExist(),
                jsonPath("$.exception").doesNotExist(),
                content().string(not(containsString("Exception"))),
                content().string(not(containsString("\tat "))));
        return result -> {
            for (ResultMatcher m : all) {
                m.match(result);
            }
        };
    }
}
