package io.ringfence.cases;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The case and task controllers' collaborators (and the refusals their advice records) as mocks, for {@code io.ringfence.security.ApiSlice}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = {CaseStore.class, CaseService.class, CaseEvidence.class, OpeningDecision.class, CaseLabels.class,
        CaseTasks.class, Refusals.class, LegalHolds.class})
public @interface CaseApiMocks {
}
