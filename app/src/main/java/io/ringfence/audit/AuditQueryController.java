package io.ringfence.audit;

import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.Writer;

/**
 * The compliance query API: decisions and the actions taken on them, by subscriber, target,
 * typology, action, actor, case, decision id and time range; paged JSON, or every match as CSV.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditQueryController {
    static final String CSV = "text/csv";

    private final AuditQueries queries;
    private final TransactionTemplate readOnly;

    AuditQueryController(AuditQueries queries, PlatformTransactionManager transactions) {
        this.queries = queries;
        // Not a bean: a TransactionTemplate bean would replace Spring Boot's default one for everybody.
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The query parameters, bound by name: {@code ?subscriber=...&typology=...}. */
    record Filter(String subscriber, String target, String typology, String action, String actor, String caseId,
                  String decisionId, String kind, String from, String to, String rule) {
        AuditQuery parse() {
            return AuditQuery.parse(subscriber, target, typology, action, actor, caseId, decisionId, kind, from, to, rule);
        }
    }

    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor', 'fraud-analyst')")
    @GetMapping("/decisions")
    AuditQueries.Page<AuditQueries.Entry> decisions(@ParameterObject Filter filter,
                                                    @RequestParam(required = false) String page,
                                                    @RequestParam(required = false) String size) {
        AuditQuery q = filter.parse();
        return queries.entries(q, QueryParameters.paging(page, size));
    }

    /** The same query as CSV (every match, no paging), chosen by {@code Accept: text/csv}. */
    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor', 'fraud-analyst')")
    @GetMapping(value = "/decisions", produces = CSV)
    void decisionsCsvByAccept(@ParameterObject Filter filter, HttpServletResponse response) throws IOException {
        csv(filter.parse(), response);
    }

    /** The same query as CSV, for links and browsers. */
    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor', 'fraud-analyst')")
    @GetMapping("/decisions.csv")
    void decisionsCsv(@ParameterObject Filter filter, HttpServletResponse response) throws IOException {
        csv(filter.parse(), response);
    }

    /**
     * The search with the filters in a JSON body, where ingress and proxy logs do not keep the numbers
     * (the console uses this); the same fields as the query parameters, plus page and size.
     */
    record Search(String subscriber, String target, String typology, String action, String actor, String caseId,
                  String decisionId, String kind, String from, String to, String rule, String page, String size) {
        Filter filter() {
            return new Filter(subscriber, target, typology, action, actor, caseId, decisionId, kind, from, to, rule);
        }
    }

    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor', 'fraud-analyst')")
    @PostMapping("/decisions/search")
    AuditQueries.Page<AuditQueries.Entry> search(@RequestBody Search search) {
        return decisions(search.filter(), search.page(), search.size());
    }

    /** The body's search as CSV, every match (page and size are not read). */
    @PreAuthorize("hasAnyRole('compliance-officer', 'supervisor', 'fraud-analyst')")
    @PostMapping(value = "/decisions/search.csv", produces = CSV)
    void searchCsv(@RequestBody Search search, HttpServletResponse response) throws IOException {
        csv(search.filter().parse(), response);
    }

    private void csv(AuditQuery q, HttpServletResponse response) throws IOException {
        response.setContentType(CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ringfence-audit.csv\"");
        Writer out = response.getWriter();
        AuditCsv.header(out);
        // A cursor needs a transaction: rows stream from the database to the client.
        readOnly.executeWithoutResult(status -> queries.stream(q, e -> AuditCsv.row(out, e)));
        out.flush();
    }
}
