package io.ringfence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An alert as stored in {@code alert_record} (read side; {@link AlertStore} writes it in the batch). */
@Entity
@Table(name = "alert_record")
public class AlertRecord {
    @Id
    @Column(name = "alert_id")
    private String alertId;
    private String typology;
    @Column(name = "subject_kind")
    private String subjectKind;
    @Column(name = "subject_value")
    private String subjectValue;
    private String subscriber;
    private String severity;
    private Double score;
    @Column(name = "rule_id")
    private String ruleId;
    @Column(name = "detected_at")
    private Instant detectedAt;
    @Column(name = "last_match_at")
    private Instant lastMatchAt;
    private boolean closed;
    private String payload;

    protected AlertRecord() {
        // for JPA
    }

    public String getAlertId() { return alertId; }
    public String getTypology() { return typology; }
    public String getSubjectKind() { return subjectKind; }
    public String getSubjectValue() { return subjectValue; }
    public String getSubscriber() { return subscriber; }
    public String getSeverity() { return severity; }
    public Double getScore() { return score; }
    public String getRuleId() { return ruleId; }
    public Instant getDetectedAt() { return detectedAt; }
    public Instant getLastMatchAt() { return lastMatchAt; }
    public boolean isClosed() { return closed; }
    /** The alert's contract JSON as last written. */
    public String getPayload() { return payload; }
}
