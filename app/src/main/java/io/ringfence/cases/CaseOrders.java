package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.AuditedDecision;
import io.ringfence.blocks.BlockStore;
import io.ringfence.outbox.Outbox;
import io.ringfence.decision.BlockRegistry.Block;
import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.contract.Explanation;
import io.ringfence.contract.Target;
import io.ringfence.stream.KafkaSettings;
import io.ringfence.screening.BlockMirror;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The orders a case sends out, on the paths automatic decisions use: a block or a lift is a contract
 * decision, audited in the chain, recorded in {@code active_block} (the idempotency key shared with the
 * stream) and published to {@code fraud.decisions} through the transactional outbox; a refund order goes
 * to billing through the same outbox. Everything is written in the caller's transaction, and Redis's
 * block mirror follows after the commit.
 */
@Component
class CaseOrders {
    private static final Logger log = LoggerFactory.getLogger(CaseOrders.class);
    /** How a handler's decision names what decided it, where the automatic ones name their DMN. */
    static final String PROCESS_MODEL = "fraud_case";
    static final String PROCESS_VERSION = "1.0";

    private final Outbox outbox;
    private final AuditTrail audit;
    private final BlockMirror mirror;
    private final KafkaSettings kafka;
    private final CaseProperties properties;
    private final ObjectMapper mapper;
    private final CaseEvidence evidence;
    private final BlockStore blocks;

    CaseOrders(Outbox outbox, AuditTrail audit, BlockMirror mirror, KafkaSettings kafka,
               CaseProperties properties, ObjectMapper mapper, CaseEvidence evidence, BlockStore blocks) {
        this.outbox = outbox;
        this.audit = audit;
        this.mirror = mirror;
        this.kafka = kafka;
        this.properties = properties;
        this.mapper = mapper;
        this.evidence = evidence;
        this.blocks = blocks;
    }

    /** The block in force on the case's target, or a new one; returns its decision id. */
    String block(FraudCase c, Decision opening, String actor, Instant now) {
        Action action = blockAction(c, opening);
        Target target = new Target(Target.Kind.valueOf(c.targetKind()), c.targetValue());
        Optional<String> inForce = blocks.inForceLocked(action, target, now);
        if (inForce.isPresent()) {
            return inForce.get();
        }
        long expires = now.plus(properties.blockDuration()).toEpochMilli();
        Decision d = decision(c, opening, action, target, expires, now,
                "block ordered by " + actor + " on confirmed fraud in case " + c.caseId());
        // If another case or the stream blocked the target meanwhile, its block stands and this one is not sent.
        String holder = blocks.setByCase(action, target, new Block(d.decisionId(), now.toEpochMilli(), expires, true));
        if (!holder.equals(d.decisionId())) {
            return holder;
        }
        send(d, eventIds(opening), actor);
        afterCommit(() -> mirror.blocked(d));
        return d.decisionId();
    }

    /**
     * Lifts every block Ringfence holds on the case's target: deletes it from {@code active_block} and
     * tells the switches with an ALLOW decision on the target (the contract's way to say "let it through").
     *
     * @return the decision ids of the lifted blocks
     */
    List<String> lift(FraudCase c, Decision opening, String actor, Instant now) {
        Target target = new Target(Target.Kind.valueOf(c.targetKind()), c.targetValue());
        // Lapsed rows go too, but only blocks still in force are lifted (and told to the switches).
        List<BlockStore.Lifted> lifted = blocks.liftAll(target);
        List<String> ids = lifted.stream().map(BlockStore.Lifted::decisionId).toList();
        if (!lifted.isEmpty()) {
            Decision allow = decision(c, opening, Action.ALLOW, target, null, now,
                    "false positive confirmed by " + actor + " in case " + c.caseId() + ": lifts " + ids);
            send(allow, eventIds(opening), actor);
            afterCommit(() -> lifted.forEach(l -> mirror.lifted(l.action().name(), target)));
        }
        return ids;
    }

    /** Publishes the refund order for billing (the billing system credits the subscriber). */
    String refund(FraudCase c, String approvedBy, Instant now) {
        String orderId = "refund-" + c.caseId();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("refundId", orderId);
        order.put("caseId", c.caseId().toString());
        order.put("subscriber", c.subscriber());
        order.put("amount", c.refundAmount());
        order.put("currency", properties.currency());
        order.put("reason", c.typology());
        order.put("requestedBy", c.refundRequestedBy());
        order.put("approvedBy", approvedBy);
        order.put("orderedAt", now.toString());
        outbox.add(new Outbox.Message(properties.refundsTopic(), c.subscriber() != null ? c.subscriber() : c.targetValue(),
                json(order)));
        return orderId;
    }

    private void send(Decision d, List<String> eventIds, String actor) {
        AuditedDecision audited = AuditedDecision.of(d, true, null, eventIds);
        audit.recordDecisions(List.of(audited), actor);
        outbox.add(new Outbox.Message(kafka.topics().decisions(), d.target().value(), audited.json()));
    }

    private Decision decision(FraudCase c, Decision opening, Action action, Target target, Long expiresAt, Instant now,
                              String note) {
        String ruleSet = opening == null ? null : opening.explanation().ruleSet();
        Explanation why = new Explanation(c.ruleId() != null ? c.ruleId() : "case", List.of(),
                c.severity() != null ? c.severity() : "MEDIUM", Map.of(), ruleSet, null, Map.of(), null, List.of(), note);
        return new Decision(UUID.randomUUID().toString(), c.alertIds(), action, target, c.typology(), c.priority(),
                expiresAt, c.caseId().toString(), false, null, null, c.subscriber(), now.toEpochMilli(), PROCESS_MODEL,
                PROCESS_VERSION, null, null, why);
    }

    /** The block the opening decision chose if it was one; otherwise the block that fits the target. */
    private static Action blockAction(FraudCase c, Decision opening) {
        if (opening != null && opening.action().isBlock()) {
            return opening.action();
        }
        return switch (Target.Kind.valueOf(c.targetKind())) {
            case SUBSCRIBER -> Action.BLOCK_SUBSCRIBER;
            case NUMBER -> Action.BLOCK_NUMBER;
            case IP, TRUNK, GT, SENDER -> Action.BLOCK_SOURCE;
        };
    }

    private List<String> eventIds(Decision opening) {
        return opening == null ? List.of() : evidence.eventIds(opening.decisionId());
    }

    private static void afterCommit(Runnable r) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            r.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // Committed in PostgreSQL; the mirror is rewritten from active_block at the next start.
                    log.warn("case order committed but not mirrored to Redis: {}", e.getMessage());
                }
            }
        });
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
