package io.ringfence.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Puts {@link PseudonymisedSpans} in front of every span exporter Spring Boot configures (OTLP, or any an operator
 * adds as a bean), so no span reaches a collector before its subscriber numbers are pseudonymised.
 */
@Component
class SpanExportPrivacy implements BeanPostProcessor {
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SpanExporter exporter && !(bean instanceof PseudonymisedSpans)) {
            return new PseudonymisedSpans(exporter);
        }
        return bean;
    }
}
