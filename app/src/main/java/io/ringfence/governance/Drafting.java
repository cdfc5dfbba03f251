package io.ringfence.governance;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Map;

/**
 * Whether the upload being submitted asks to be kept as its author's private draft ({@code ?draft=true} on any upload
 * endpoint): read from the request as the signed-in person is ({@link Reviewer}), so every upload path, present and
 * future, offers it the same way. Outside a request (a command, a test calling the service), never.
 */
final class Drafting {
    private Drafting() {
    }

    static boolean requested() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a)) {
            return false;
        }
        HttpServletRequest request = a.getRequest();
        String[] values = request.getParameterMap().get("draft");
        if (values == null || values.length == 0) {
            return false;
        }
        String v = values[values.length - 1];
        if (values.length > 1 || !(v.equals("true") || v.equals("false"))) {
            throw new ChangeRejected(400, "Invalid upload", "draft must be 'true' or 'false', once", List.of(),
                    Map.of("field", "draft"));
        }
        return v.equals("true");
    }
}
