package io.ringfence.security;

import java.util.List;
import java.util.Set;

/**
 * Who may call what: the table {@link RoleMatrixTest} checks on the web slice, and that docs/security.md
 * shows. One row per HTTP endpoint (an API handler method, or an actuator or springdoc URL) with a request
 * that reaches it and the roles allowed. A new API handler fails the test until it has a row here whose
 * roles match its {@code @PreAuthorize}. The gRPC call's callers are checked by ScreeningApiTest.
 *
 * <p>An allowed caller must get past security (any status but 401 and 403; a 404 for an unknown id or a
 * 400 from the handler's own checks is fine), so a body must still bind, or Spring would answer 400 before
 * the role check.
 */
final class EndpointRoles {
    static final String ANALYST = "fraud-analyst";
    static final String HANDLER = "case-handler";
    static final String SUPERVISOR = "supervisor";
    static final String COMPLIANCE = "compliance-officer";
    static final String SWITCH = "switch-client";
    static final String ADMIN = "admin";
    static final List<String> ROLES = List.of(ANALYST, HANDLER, SUPERVISOR, COMPLIANCE, SWITCH, ADMIN);
    /** What a handler's {@code @PreAuthorize("isAuthenticated()")} stands for in the table. */
    static final String ANY_SIGNED_IN = "isAuthenticated()";
    /** What a handler's {@code @PreAuthorize("permitAll()")} stands for: anyone, before signing in. */
    static final String ANYONE = "permitAll()";

    enum Access {
        /** Anyone, without a token (probes and scrapers). */
        PUBLIC,
        /** Any signed-in caller, whatever their roles. */
        SIGNED_IN,
        /** Signed-in callers holding one of the row's roles. */
        ROLES
    }

    /**
     * @param handler {@code Controller#method} of an io.ringfence handler, or null for other endpoints
     * @param method  HTTP method
     */
    record Endpoint(String handler, String method, String path, String contentType, String accept, String body,
                    Access access, Set<String> roles) {
        Endpoint with(String contentType, String body) {
            return new Endpoint(handler, method, path, contentType, accept, body, access, roles);
        }

        Endpoint accepting(String mediaType) {
            return new Endpoint(handler, method, path, contentType, mediaType, body, access, roles);
        }

        boolean allows(String role) {
            return access != Access.ROLES || roles.contains(role);
        }

        @Override
        public String toString() {
            return method + " " + path + (accept == null ? "" : " (Accept: " + accept + ")");
        }
    }

    private static final String NUMBER = "%2B447700900001";
    private static final String NO_CASE = "00000000-0000-0000-0000-000000000000";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";

    static final List<Endpoint> ENDPOINTS = List.of(
            signedIn("SignedInController#me", "GET", "/api/v1/me"),
            // How the console signs in: it asks before anyone has.
            new Endpoint("ConsoleSignInController#signIn", "GET", "/api/v1/sign-in", null, null, null, Access.PUBLIC,
                    Set.of(ANYONE)),
            api("AlertController#bySubscriber", "GET", "/api/v1/alerts?subscriber=" + NUMBER,
                    ANALYST, HANDLER, SUPERVISOR, COMPLIANCE),
            api("EventHistoryController#events", "GET", "/api/v1/events?subscriber=" + NUMBER,
                    ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChainStatusController#days", "GET", "/api/v1/audit/chain", COMPLIANCE, SUPERVISOR),
            api("ChainStatusController#verify", "POST", "/api/v1/audit/chain/2026-12-06/verify", COMPLIANCE, SUPERVISOR),
            api("AuditQueryController#decisions", "GET", "/api/v1/audit/decisions?size=1",
                    COMPLIANCE, SUPERVISOR, ANALYST),
            api("AuditQueryController#decisionsCsvByAccept", "GET", "/api/v1/audit/decisions?subscriber=" + NUMBER,
                    COMPLIANCE, SUPERVISOR, ANALYST).accepting(CSV),
            api("AuditQueryController#decisionsCsv", "GET", "/api/v1/audit/decisions.csv?subscriber=" + NUMBER,
                    COMPLIANCE, SUPERVISOR, ANALYST),
            api("AuditQueryController#search", "POST", "/api/v1/audit/decisions/search", COMPLIANCE, SUPERVISOR, ANALYST)
                    .with(JSON, "{\"subscriber\":\"+447700900001\",\"size\":\"1\"}"),
            api("AuditQueryController#searchCsv", "POST", "/api/v1/audit/decisions/search.csv", COMPLIANCE, SUPERVISOR,
                    ANALYST).with(JSON, "{\"subscriber\":\"+447700900001\"}").accepting(CSV),
            api("ScreeningController#get", "GET", "/api/v1/screen?a=" + NUMBER + "&b=%2B447700900002&type=VOICE", SWITCH),
            api("ScreeningController#post", "POST", "/api/v1/screen", SWITCH)
                    .with(JSON, "{\"a\":\"+447700900001\",\"b\":\"+447700900002\",\"type\":\"SMS\"}"),
            api("SwitchEventController#report", "POST", "/api/v1/switch-events", SWITCH)
                    .with(JSON, "{\"eventId\":\"roles-1\",\"type\":\"SIP\",\"timestamp\":\"2026-12-01T10:00:00Z\","
                            + "\"subscriber\":\"+447700900001\",\"method\":\"INVITE\",\"responseCode\":200,\"sourceIp\":\"192.0.2.1\"}"),
            api("HotListController#page", "GET", "/api/v1/hotlists/deny?size=1", ANALYST, SUPERVISOR, COMPLIANCE),
            api("HotListChangeController#replace", "PUT", "/api/v1/hotlists/no-such-list", ANALYST, SUPERVISOR)
                    .with(CSV, "value,note\n"),
            api("HotListChangeController#add", "POST", "/api/v1/hotlists/no-such-list", ANALYST, SUPERVISOR)
                    .with(CSV, "value,note\n"),
            api("HotListChangeController#remove", "DELETE", "/api/v1/hotlists/deny/" + NUMBER, ANALYST, SUPERVISOR),
            api("HotListChangeController#removeInBody", "POST", "/api/v1/hotlists/no-such-list/removals", ANALYST,
                    SUPERVISOR).with(JSON, "{\"value\":\"+447700900001\"}"),
            api("DashboardController#dashboard", "GET", "/api/v1/dashboard?window=PT15M", ANALYST, HANDLER, SUPERVISOR,
                    COMPLIANCE, ADMIN),
            api("DashboardController#ruleHits", "GET", "/api/v1/dashboard/rule-hits", ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChangeController#list", "GET", "/api/v1/changes?limit=1", ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChangeController#one", "GET", "/api/v1/changes/" + NO_CASE, ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChangeController#content", "GET", "/api/v1/changes/" + NO_CASE + "/content", ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChangeController#scenarios", "GET", "/api/v1/changes/" + NO_CASE + "/scenarios", ANALYST, SUPERVISOR, COMPLIANCE),
            api("ChangeController#rules", "POST", "/api/v1/changes/rules", ANALYST)
                    .with(JSON, "{\"version\":\"../bad\",\"files\":{}}"),
            api("ChangeController#decisionModel", "POST", "/api/v1/changes/decision-model", ANALYST)
                    .with("application/xml", "<nothing/>"),
            api("ChangeController#scoringModel", "POST", "/api/v1/changes/scoring-model", ANALYST)
                    .with("application/xml", "<nothing/>"),
            // Nothing in shadow: 409, after the role check.
            api("ChangeController#promote", "POST", "/api/v1/changes/shadow/decision-model/promote", ANALYST)
                    .with(JSON, "{}"),
            api("ChangeController#endShadow", "POST", "/api/v1/changes/shadow/scoring-model/end", ANALYST)
                    .with(JSON, "{\"summary\":\"enough seen\"}"),
            api("ShadowController#shadow", "GET", "/api/v1/shadow", ANALYST, SUPERVISOR, COMPLIANCE),
            // The value in force already: 422, after the role check.
            api("ChangeController#ruleParameters", "POST", "/api/v1/changes/rule-parameters", ANALYST)
                    .with(JSON, "{\"version\":\"v2\",\"parameters\":{\"irsf.minCallsAfterTest\":\"3\"}}"),
            api("ChangeController#customerData", "POST", "/api/v1/changes/customer-data", ANALYST)
                    .with(CSV, "msisdnPrefix,segment,monthlyValue,note\n,CONSUMER,20,\n"),
            // Mocked to find the lists sent equal to those in force: 422, after the role check.
            api("ReferenceDataController#submit", "POST", "/api/v1/changes/reference-data", ANALYST)
                    .with(JSON, "{\"files\":{}}"),
            api("ReferenceDataController#importFeed", "POST",
                    "/api/v1/changes/reference-data/irsf-test-numbers/import?version=v1&source=feed", ANALYST)
                    .with(CSV, "+88213500001\n"),
            api("ChangeController#approve", "POST", "/api/v1/changes/" + NO_CASE + "/approve", ANALYST, SUPERVISOR)
                    .with(JSON, "{}"),
            api("ChangeController#reject", "POST", "/api/v1/changes/" + NO_CASE + "/reject", ANALYST, SUPERVISOR)
                    .with(JSON, "{\"note\":\"x\"}"),
            api("ChangeController#withdraw", "POST", "/api/v1/changes/" + NO_CASE + "/withdraw", ANALYST, SUPERVISOR),
            api("ChangeController#submitDraft", "POST", "/api/v1/changes/" + NO_CASE + "/submit", ANALYST, SUPERVISOR),
            // An unknown change: 404 (NoBacktests), after the role check.
            api("BacktestController#start", "POST", "/api/v1/changes/" + NO_CASE + "/backtests", ANALYST)
                    .with(JSON, "{\"from\":\"2026-03-03T00:00:00Z\",\"to\":\"2026-03-02T00:00:00Z\"}"),
            api("BacktestController#startOnFile", "POST", "/api/v1/changes/" + NO_CASE + "/backtests?name=day.jsonl", ANALYST)
                    .with("application/x-ndjson", "{}\n"),
            api("BacktestController#one", "GET", "/api/v1/backtests/" + NO_CASE, ANALYST),
            api("BacktestController#differences", "GET", "/api/v1/backtests/" + NO_CASE + "/differences", ANALYST),
            api("BacktestController#cancel", "DELETE", "/api/v1/backtests/" + NO_CASE, ANALYST),
            api("LiveController#live", "GET", "/api/v1/live", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#ruleFiles", "GET", "/api/v1/live/rules/files", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#ruleParameters", "GET", "/api/v1/live/rules/parameters", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#customerData", "GET", "/api/v1/live/customer-data", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#referenceData", "GET", "/api/v1/live/reference-data", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#decisionModel", "GET", "/api/v1/live/decision-model/content", ANALYST, SUPERVISOR, COMPLIANCE),
            api("LiveController#decisionModelScenarios", "GET", "/api/v1/live/decision-model/scenarios", ANALYST, SUPERVISOR,
                    COMPLIANCE),
            // No "to": refused with 400 by the handler, after the role check.
            api("LiveController#rollback", "POST", "/api/v1/live/rules/rollback", SUPERVISOR).with(JSON, "{}"),
            api("CaseController#list", "GET", "/api/v1/cases?size=1", HANDLER, SUPERVISOR, ANALYST, COMPLIANCE),
            api("CaseController#get", "GET", "/api/v1/cases/" + NO_CASE, HANDLER, SUPERVISOR, ANALYST, COMPLIANCE),
            // A kind that does not exist: refused with 400 by the handler, after the role check.
            api("CaseController#open", "POST", "/api/v1/cases", HANDLER, SUPERVISOR, ANALYST)
                    .with(JSON, "{\"target\":{\"kind\":\"PLANET\",\"value\":\"mars\"},\"typology\":\"SIM_SWAP\",\"note\":\"x\"}"),
            // An unknown case: 404 from the mocked store, after the role check.
            api("CaseController#legalHold", "POST", "/api/v1/cases/" + NO_CASE + "/legal-hold", SUPERVISOR, COMPLIANCE)
                    .with(JSON, "{\"hold\":true,\"reason\":\"claim\"}"),
            api("CaseController#search", "POST", "/api/v1/cases/search", HANDLER, SUPERVISOR, ANALYST, COMPLIANCE)
                    .with(JSON, "{\"size\":1}"),
            api("AlertController#search", "POST", "/api/v1/alerts/search", ANALYST, HANDLER, SUPERVISOR, COMPLIANCE)
                    .with(JSON, "{\"subscriber\":\"+447700900001\"}"),
            api("EventHistoryController#search", "POST", "/api/v1/events/search", ANALYST, SUPERVISOR, COMPLIANCE)
                    .with(JSON, "{\"subscriber\":\"+447700900001\"}"),
            api("PrivacyController#export", "POST", "/api/v1/privacy/subject-access", COMPLIANCE)
                    .with(JSON, "{\"subscriber\":\"+447700900001\"}"),
            api("PrivacyController#erase", "POST", "/api/v1/privacy/erasure", COMPLIANCE)
                    .with(JSON, "{\"subscriber\":\"+447700900001\"}"),
            api("CaseController#labels", "GET", "/api/v1/cases/labels?limit=1", ANALYST, SUPERVISOR),
            api("TrainingController#verdictRows", "GET", "/api/v1/training/verdict-rows?limit=1", ANALYST, SUPERVISOR),
            api("TaskController#list", "GET", "/api/v1/tasks?size=1", HANDLER, SUPERVISOR),
            api("TaskController#get", "GET", "/api/v1/tasks/no-such-task", HANDLER, SUPERVISOR),
            api("TaskController#claim", "POST", "/api/v1/tasks/no-such-task/claim", HANDLER, SUPERVISOR),
            api("TaskController#release", "POST", "/api/v1/tasks/no-such-task/release", HANDLER, SUPERVISOR),
            api("TaskController#delegate", "POST", "/api/v1/tasks/no-such-task/delegate", HANDLER, SUPERVISOR)
                    .with(JSON, "{\"to\":\"handler1\"}"),
            api("TaskController#complete", "POST", "/api/v1/tasks/no-such-task/complete", HANDLER, SUPERVISOR)
                    .with(JSON, "{\"note\":\"x\"}"),
            // A web slice has no actuator or springdoc: these rows check the filter chain's URL rules (an allowed
            // caller gets 404 there). That the endpoints answer is checked on the whole service (FaultBarrierStreamTest,
            // ScreeningApiTest, AuditApiTest, and demo's DemoDayTest).
            other("GET", "/actuator/health", Access.PUBLIC),
            other("GET", "/actuator/health/liveness", Access.PUBLIC),
            other("GET", "/actuator/health/readiness", Access.PUBLIC),
            other("GET", "/actuator/prometheus", Access.PUBLIC),
            other("GET", "/actuator/info", Access.ROLES, ADMIN),
            other("GET", "/actuator", Access.ROLES, ADMIN),
            // The console's static files (the ui module): the sign-in form loads before anyone signs in.
            other("GET", "/", Access.PUBLIC),
            other("GET", "/index.html", Access.PUBLIC),
            other("GET", "/assets/main.js", Access.PUBLIC),
            other("GET", "/v3/api-docs", Access.SIGNED_IN),
            other("GET", "/swagger-ui/index.html", Access.SIGNED_IN));

    private EndpointRoles() {
    }

    private static Endpoint api(String handler, String method, String path, String... roles) {
        return new Endpoint(handler, method, path, null, null, null, Access.ROLES, Set.of(roles));
    }

    /** A handler for any signed-in caller ({@code @PreAuthorize("isAuthenticated()")}), roles or none. */
    private static Endpoint signedIn(String handler, String method, String path) {
        return new Endpoint(handler, method, path, null, null, null, Access.SIGNED_IN, Set.of(ANY_SIGNED_IN));
    }

    private static Endpoint other(String method, String path, Access access, String... roles) {
        return new Endpoint(null, method, path, null, null, null, access, Set.of(roles));
    }
}
