package io.ringfence.demo;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * README's run command, small: the whole service on real embedded Kafka, PostgreSQL and Redis, fed a
 * simulated day by the demo (one incident of every typology on 400 subscribers, fast). Every test class
 * that carries it and nothing else shares one running system (Spring's context cache), so the demo's
 * tests and the console's browser tests pay for one start-up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringfence.demo.seed=7", "ringfence.demo.subscribers=400", "ringfence.demo.incidents=1",
        "ringfence.demo.rate=50000"})
public @interface DemoRun {
}
