package io.ringfence.stream;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The fault barrier while partitions run in parallel: the same poisoned day as {@link FaultBarrierStreamTest}, on
 * a four-partition topic consumed on four threads. The faulty events' partition is rebuilt on its own thread while
 * the other three go on; still only those two events are set aside and every other event of the day is made
 * durable exactly once, and there is one rebuild per faulty event (the inherited test).
 */
@AutoConfigureObservability
@Import(FaultBarrierStreamTest.PoisonedRules.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringfence.demo.enabled=false", "ringfence.embedded.partitions=4", "ringfence.stream.threads=4"})
class FaultBarrierParallelStreamTest extends FaultBarrierStreamTest {
}
