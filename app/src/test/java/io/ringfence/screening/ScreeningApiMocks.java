package io.ringfence.screening;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The screening and hot-list controllers' collaborators as mocks, for {@code io.ringfence.security.ApiSlice}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = {Screening.class, HotLists.class})
public @interface ScreeningApiMocks {
}
