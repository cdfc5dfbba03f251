package io.ringfence.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Case management settings ({@code ringfence.cases.*}).
 *
 * @param refundFourEyesAbove refunds strictly above this amount need a supervisor's second approval; 0 (the
 *                            default): every refund does
 * @param refundDailyLimitPerHandler what one handler may refund without a second person in a day (UTC), all
 *                            their refunds within {@code refundFourEyesAbove} together; above it a supervisor
 *                            approves; 0 (the default): every refund has a second person
 * @param currency            the currency refund orders are in
 * @param blockDuration       how long a block ordered from a case lasts
 * @param slaOverride         when set, every triage SLA is this long instead of the routing decision's (tests, demos)
 * @param slaCheck            how often overdue tasks are looked for
 * @param openFromDecisions   whether this instance opens cases from {@code fraud.decisions}
 * @param consumerGroup       the Kafka consumer group that opens cases (one case per decision across instances)
 * @param refundsTopic        where approved refund orders go for billing
 * @param refundAcksTopic     where billing acknowledges them (applied or refused): each acknowledgement completes the
 *                            case's BillingConfirmation step; blank: none is read, supervisors confirm by hand
 * @param refundAcksDeadLetterTopic where an acknowledgement that cannot be used goes, with its reason
 * @param refundAcksGroup     the Kafka consumer group that reads them
 * @param refundAckWithin     how long billing has to acknowledge a refund before the step escalates to supervisors
 */
@ConfigurationProperties("ringfence.cases")
public record CaseProperties(@DefaultValue("0.00") BigDecimal refundFourEyesAbove,
                             @DefaultValue("0.00") BigDecimal refundDailyLimitPerHandler,
                             @DefaultValue("EUR") String currency,
                             @DefaultValue("P30D") Duration blockDuration,
                             Duration slaOverride,
                             @DefaultValue("PT15S") Duration slaCheck,
                             @DefaultValue("true") boolean openFromDecisions,
                             @DefaultValue("ringfence-cases") String consumerGroup,
                             @DefaultValue("billing.refunds") String refundsTopic,
                             @DefaultValue("billing.refunds.acks") String refundAcksTopic,
                             @DefaultValue("billing.refunds.acks.dlq") String refundAcksDeadLetterTopic,
                             @DefaultValue("ringfence-refund-acks") String refundAcksGroup,
                             @DefaultValue("P2D") Duration refundAckWithin) {
}
