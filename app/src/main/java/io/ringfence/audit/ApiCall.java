package io.ringfence.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state-changing API call as the audit trail keeps it: who ({@code actor}), what (method, path,
 * query, outcome), when ({@code startedAtMillis}, {@code durationMs}) and from where.
 *
 * @param remoteAddress the peer of the connection; the address the service can vouch for
 * @param forwardedFor  the {@code X-Forwarded-For} header as sent, kept apart because any client can write it
 * @param authScheme    the scheme of the {@code Authorization} header (Basic, Bearer), never its value
 */
record ApiCall(String actor, String method, String path, String query, int status, String remoteAddress,
               String forwardedFor, String userAgent, String authScheme, long startedAtMillis, long durationMs) {

    /** The row's JSON detail, without the fields the row has columns for (actor, time). */
    Map<String, Object> detail() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", method);
        d.put("path", path);
        putIfPresent(d, "query", query);
        d.put("status", status);
        d.put("remoteAddress", remoteAddress);
        putIfPresent(d, "forwardedFor", forwardedFor);
        putIfPresent(d, "userAgent", userAgent);
        putIfPresent(d, "authScheme", authScheme);
        d.put("durationMs", durationMs);
        return d;
    }

    private static void putIfPresent(Map<String, Object> d, String name, String value) {
        if (value != null) {
            d.put(name, value);
        }
    }
}
