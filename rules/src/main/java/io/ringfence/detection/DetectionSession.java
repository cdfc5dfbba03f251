package io.ringfence.detection;

import io.ringfence.event.TelecomEvent;
import org.drools.base.base.ValueResolver;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

import java.util.concurrent.TimeUnit;

/**
 * One CEP session on event time. The pseudo clock follows the newest event timestamp seen, so windows
 * slide and facts expire exactly as the events say, whether they come from a file or a partition.
 * An event older than the clock is still inserted (its windows are judged on its own timestamp).
 * An event no rule can match moves the clock but is not inserted ({@link InsertionGate}).
 */
public final class DetectionSession implements AutoCloseable {
    private static final long CLOSE_CHECK_MILLIS = 60_000;

    private final KieSession session;
    private final SessionPseudoClock clock;
    private final AlertRegistry alerts;
    private final InsertionGate gate;
    private long nextCloseCheck = Long.MIN_VALUE;
    private long inserted;
    private long passedOver;
    /** The rule whose consequence is running, so that an exception can name it. */
    private String firing;

    public DetectionSession(RuleSet rules, AlertListener listener) {
        this(rules, listener, true);
    }

    /** @param gated false inserts every event, as before the gate: kept to prove the gate changes nothing */
    DetectionSession(RuleSet rules, AlertListener listener, boolean gated) {
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(ClockTypeOption.PSEUDO);
        this.session = rules.kieBase().newKieSession(conf, null);
        this.clock = session.getSessionClock();
        this.alerts = new AlertRegistry(rules.parameters().millis("incident.quietPeriod"), listener);
        session.setGlobal("alerts", alerts);
        this.gate = gated ? new InsertionGate(rules.kieBase(), (ValueResolver) session) : null;
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                Object id = event.getMatch().getRule().getMetaData().get("ruleId");
                firing = id != null ? id.toString() : event.getMatch().getRule().getName();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firing = null;
            }
        });
    }

    /**
     * The rule whose consequence was running when the last {@link #insert} threw, or null if none was
     * (the engine was matching the event). Only meaningful right after an exception.
     */
    public String firingRule() {
        return firing;
    }

    public void insert(TelecomEvent event) {
        long t = event.getTimestampMillis();
        long now = clock.getCurrentTime();
        if (t > now) {
            clock.advanceTime(t - now, TimeUnit.MILLISECONDS);
            now = t;
        }
        if (gate == null || gate.admits(event)) {
            session.insert(event);
            inserted++;
        } else {
            passedOver++;
        }
        // fired even when nothing was inserted: moving the clock may have expired facts and windows
        session.fireAllRules();
        if (now >= nextCloseCheck) {
            alerts.closeQuiet(now);
            nextCloseCheck = now + CLOSE_CHECK_MILLIS;
        }
    }

    public long factCount() {
        return session.getFactCount();
    }

    /** Events inserted into the session. */
    public long inserted() {
        return inserted;
    }

    /** Events that moved the clock but were not inserted, as no rule could match them. */
    public long passedOver() {
        return passedOver;
    }

    public AlertRegistry alerts() {
        return alerts;
    }

    /** Ends the stream: open incidents are closed and reported, the session is disposed. */
    @Override
    public void close() {
        alerts.closeAll();
        session.dispose();
    }
}
