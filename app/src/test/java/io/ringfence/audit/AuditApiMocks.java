package io.ringfence.audit;

import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The audit API controllers' collaborators as mocks, for {@code io.ringfence.security.ApiSlice}. A transaction
 * manager mock lets AuditQueryController's CSV export run its read-only template without a database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = {AlertRecordRepository.class, AuditQueries.class, PlatformTransactionManager.class, ChainStatus.class})
public @interface AuditApiMocks {
}
