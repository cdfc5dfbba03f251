package io.ringfence.backtest;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The backtest controller's collaborators as mocks, for {@code io.ringfence.security.ApiSlice}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = {BacktestService.class, BacktestStore.class, EventsUpload.class, io.ringfence.governance.Drafts.class})
public @interface BacktestApiMocks {
}
