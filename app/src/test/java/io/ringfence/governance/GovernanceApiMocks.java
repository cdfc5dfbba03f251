package io.ringfence.governance;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The change, live and hot-list edit controllers' collaborators as mocks, for {@code io.ringfence.security.ApiSlice}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = {ChangeService.class, ChangeStore.class, LiveAssets.class, ReferenceDataChanges.class, LiveRuleFiles.class,
        io.ringfence.reference.ReferenceDataRepository.class, io.ringfence.decision.CustomerSegments.class})
public @interface GovernanceApiMocks {
}
