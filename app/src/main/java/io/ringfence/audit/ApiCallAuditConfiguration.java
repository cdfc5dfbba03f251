package io.ringfence.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The audit of state-changing API calls (docs/security.md, "API-call audit"). */
@Configuration(proxyBeanMethods = false)
class ApiCallAuditConfiguration {

    @Bean
    ApiCallJournal apiCallJournal(DataSource dataSource, AuditTrail trail, ObjectMapper mapper, MeterRegistry meters) {
        return new ApiCallJournal(dataSource, trail, mapper, meters);
    }

    @Bean(destroyMethod = "close")
    RefusedCalls refusedCalls(ApiCallJournal journal, MeterRegistry meters,
                              @Value("${ringfence.audit.refused-calls.per-second:20}") int perSecond,
                              @Value("${ringfence.audit.refused-calls.queue:1000}") int queue) {
        return new RefusedCalls(journal, perSecond, queue, meters);
    }

    @Bean
    FilterRegistrationBean<ApiCallAuditFilter> apiCallAuditFilter(ApiCallJournal journal, RefusedCalls refused) {
        FilterRegistrationBean<ApiCallAuditFilter> registration =
                new FilterRegistrationBean<>(new ApiCallAuditFilter(journal, refused));
        // Mapped to every path: the filter decides on the decoded path (see ApiCallAuditFilter).
        // Outside Spring Security's chain and the edge's checks (io.ringfence.web.HostileRequests), so that calls
        // they refuse (400, 401, 403, 406, 413) are recorded too.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 2);
        return registration;
    }
}
