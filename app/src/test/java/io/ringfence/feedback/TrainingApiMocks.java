package io.ringfence.feedback;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The training rows' collaborator as a mock, for {@code io.ringfence.security.ApiSlice}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = VerdictRowsService.class)
public @interface TrainingApiMocks {
}
