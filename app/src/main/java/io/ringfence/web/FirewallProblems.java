package io.ringfence.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Spring Security's firewall refusals (an unknown or lower-case method, a {@code //} or {@code ;} in the path, a
 * header value it will not read) as a 400 problem, written here. Its own handler calls {@code sendError}, and the
 * error page's dispatch then met the same firewall, which refused it too: the client got a 400 with no body at all.
 * Spring Security uses a bean of this type in place of its own. The detail does not quote the firewall's message,
 * which repeats what the client sent.
 */
@Component
class FirewallProblems implements RequestRejectedHandler {
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, "the request was refused: its method, path or"
                + " headers hold something this service does not take (an unknown method, '//', ';' or '..' in the path,"
                + " a control character in a header); nothing was done");
    }
}
