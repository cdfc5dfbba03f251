package io.ringfence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A block in force ({@code active_block}), one per action and target: the read side. The streaming
 * consumer writes this table in its batch transaction (it is the block orders' idempotency key).
 */
@Entity
@Table(name = "active_block")
@IdClass(ActiveBlock.Key.class)
public class ActiveBlock {
    @Id
    private String action;
    @Id
    @Column(name = "target_kind")
    private String targetKind;
    @Id
    @Column(name = "target_value")
    private String targetValue;
    @Column(name = "decision_id")
    private String decisionId;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "case_opened")
    private boolean caseOpened;

    protected ActiveBlock() {
        // for JPA
    }

    public String getAction() { return action; }
    public String getTargetKind() { return targetKind; }
    public String getTargetValue() { return targetValue; }
    public String getDecisionId() { return decisionId; }
    public Instant getExpiresAt() { return expiresAt; }
    public boolean isCaseOpened() { return caseOpened; }

    /** The composite key. */
    public static class Key implements Serializable {
        private String action;
        private String targetKind;
        private String targetValue;

        protected Key() {
            // for JPA
        }

        public Key(String action, String targetKind, String targetValue) {
            this.action = action;
            this.targetKind = targetKind;
            this.targetValue = targetValue;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(action, k.action) && Objects.equals(targetKind, k.targetKind)
                    && Objects.equals(targetValue, k.targetValue);
        }

        @Override
        public int hashCode() {
            return Objects.hash(action, targetKind, targetValue);
        }
    }
}
