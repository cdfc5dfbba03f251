package io.ringfence.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;

/**
 * Tomcat's error report as application/problem+json instead of its HTML page. It answers what Tomcat refuses
 * before any servlet runs (a malformed or oversized request line, a path it cannot normalise) and anything the
 * error page could not render.
 */
class ProblemReportValve extends ErrorReportValve {
    ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getReporter().write(Problems.json(status, status >= 500
                    ? "the request could not be handled (see the service log)"
                    : "the request was refused before it reached the service"));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client has gone or the response was already under way: nothing more can be said.
        }
    }
}
