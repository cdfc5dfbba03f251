package io.ringfence.cases;

import org.kie.kogito.persistence.springboot.JDBCProcessInstancesFactory;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.util.List;

/**
 * Wires the Kogito runtime generated from workflows/ into the service. Kogito 10.1 on Spring Boot
 * auto-configures none of it: the generated application and handlers and the user-task store are found
 * by scanning, and the task entities must be named for Hibernate (without them user tasks silently
 * live in memory).
 *
 * <p>Kogito's JDBC process store takes plain connections from the pool, so each of its writes would
 * commit on its own; given a transaction-aware view of the pool instead, the process state commits in
 * the same transaction as the case tables, the task store, the audit trail and the outbox.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = {"org.kie.kogito", "org.jbpm.usertask.jpa.springboot", "io.ringfence.workflows"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JDBCProcessInstancesFactory.class))
@EntityScan({"io.ringfence", "org.jbpm.usertask.jpa.model"})
@EnableConfigurationProperties(CaseProperties.class)
class KogitoRuntime {

    @Bean
    JDBCProcessInstancesFactory processInstancesFactory(DataSource dataSource) {
        // Optimistic locking: two handlers moving the same case at once get a conflict, not a lost update.
        return new JDBCProcessInstancesFactory(new TransactionAwareDataSourceProxy(dataSource), true, false, List.of());
    }
}
