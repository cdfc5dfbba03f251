package io.ringfence.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.AuditTrail;
import io.ringfence.screening.HotListEdits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maker-checker: a change is submitted by one person, and goes live only when a second person
 * approves it. Each step is one transaction with its audit entry (who, when, what, the content's
 * hash), so the trail shows every draft, approval, rejection and rollback.
 */
@Service
public class ChangeService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChangeService.class);
    private final ChangeStore store;
    private final AssetCompiler compiler;
    private final LiveAssets live;
    private final HotListEdits hotLists;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final ScreeningFollowsReference screening;
    private final ReviewProperties review;
    private final ObjectProvider<ChangeBacktests> backtests;
    private final Clock clock = Clock.systemUTC();

    ChangeService(ChangeStore store, AssetCompiler compiler, LiveAssets live, HotListEdits hotLists, AuditTrail audit,
                  TransactionTemplate tx, ObjectMapper mapper, ScreeningFollowsReference screening, ReviewProperties review,
                  ObjectProvider<ChangeBacktests> backtests) {
        this.review = review;
        this.backtests = backtests;
        this.screening = screening;
        this.store = store;
        this.compiler = compiler;
        this.live = live;
        this.hotLists = hotLists;
        this.audit = audit;
        this.tx = tx;
        this.mapper = mapper;
    }

    /** Checks the content as it would run, then stores it as PENDING. */
    public AssetChange submit(AssetKind kind, String target, String operation, byte[] content, String version,
                              String summary, String author) {
        return submit(kind, target, operation, content, version, summary, author, null);
    }

    /**
     * As {@link #submit(AssetKind, String, String, byte[], String, String, String)}, with the upload's own scenario
     * file: a decision model must pass those as well as the live table's (docs/governance.md).
     */
    public AssetChange submit(AssetKind kind, String target, String operation, byte[] content, String version,
                              String summary, String author, byte[] ownScenarios) {
        return submit(kind, target, operation, content, version, summary, author, ownScenarios, List.of());
    }

    /**
     * As above, restating the named live scenarios as the draft decides them: from its approval on, they are the
     * scenarios of record, with the upload's own (docs/governance.md).
     */
    public AssetChange submit(AssetKind kind, String target, String operation, byte[] content, String version,
                              String summary, String author, byte[] ownScenarios, List<String> restate) {
        if (summary != null && summary.length() > 500) {
            throw new ChangeRejected(400, "Invalid change", "summary is limited to 500 characters");
        }
        if (ShadowSteps.SHADOW.equals(operation) && !ShadowSteps.canShadow(kind)) {
            throw new ChangeRejected(400, "Invalid change", "only rule sets, decision and scoring models run in shadow");
        }
        boolean draft = Drafting.requested();
        if (draft && !kind.deployable()) {
            throw new ChangeRejected(400, "Invalid change", "a hot-list edit is not kept as a draft: it changes what "
                    + "screening answers and cannot be backtested; submit it for review");
        }
        AssetCompiler.Submitted submitted = compiler.compileSubmitted(kind, target, operation, content, version, ownScenarios,
                restate);
        AssetCompiler.Compiled compiled = submitted.compiled();
        String label = compiled.version() != null ? compiled.version() : version;
        AssetChange c = new AssetChange(UUID.randomUUID(), kind, target, operation, label, summary, content,
                sha256(content), draft ? AssetChange.Status.DRAFT : AssetChange.Status.PENDING, author, clock.instant(),
                null, null, null, null);
        AssetCompiler.ScenariosOfRecord scenarios = submitted.scenarios();
        // Read before the gate's answer is stored: the scenarios were checked against what was live then.
        UUID basedOn = scenarios == null ? null : store.inForceChange(AssetKind.DECISION_MODEL);
        tx.executeWithoutResult(s -> {
            store.insert(c);
            Map<String, Object> d = details(c, null);
            if (ownScenarios != null) {
                d.put("ownScenariosSha256", sha256(ownScenarios));
            }
            if (scenarios != null) {
                store.insertScenarios(c.changeId(), new ChangeStore.Scenarios(scenarios.file(), json(scenarios.restated()),
                        json(scenarios.added()), basedOn));
                d.put("scenariosSha256", sha256(scenarios.file()));
                // The reviewer approves these with the table: they are in the trail, not only in the change's row.
                d.put("restatedScenarios", scenarios.restated());
                d.put("addedScenarios", scenarios.added());
            }
            // A draft is its author's alone: the trail, which colleagues read too, says that one was made, not what.
            journal(c, author, draft ? "CHANGE_DRAFTED" : "CHANGE_SUBMITTED", draft ? draftDetails(c) : d);
        });
        return c;
    }

    /**
     * The author submits their draft for review: from now on it is pending, visible to every reviewer, with the
     * backtests its author ran on it (a reviewer reads them on its page; where a backtest is required, one of them
     * counts).
     */
    public AssetChange submitDraft(UUID id, String author) {
        AssetChange c = visible(id, author);
        if (c.status() != AssetChange.Status.DRAFT) {
            throw new ChangeRejected(409, "Not a draft", "change " + id + " is " + c.status() + ", not a draft");
        }
        if (c.kind() == AssetKind.DECISION_MODEL) {
            // Checked against the live table of its day, as at approval: a stale table is not worth a reviewer's time.
            refuseIfStale(c);
        }
        Instant at = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!store.submitDraft(id, at)) {
                throw new ChangeRejected(409, "Not a draft", "change " + id + " is no longer a draft");
            }
            journal(c, author, "CHANGE_SUBMITTED", details(c, null));
        });
        return store.find(id).orElseThrow();
    }

    /**
     * The change as {@code viewer} may see it: a draft is its author's alone, and to anyone else it does not exist.
     *
     * @throws ChangeRejected 404 for an unknown change or someone else's draft
     */
    public AssetChange visible(UUID id, String viewer) {
        return store.find(id).filter(c -> c.visibleTo(viewer))
                .orElseThrow(() -> new ChangeRejected(404, "Not found", "no change " + id));
    }

    /**
     * Submits the promotion of the model in shadow for the kind (it goes live, the shadow is emptied) or the end of its
     * shadow run: a change like any other, approved by a second person.
     *
     * @param operation {@link ShadowSteps#PROMOTE} or {@link ShadowSteps#END}
     */
    public AssetChange submitShadowStep(AssetKind kind, String operation, String summary, String author) {
        if (!ShadowSteps.canShadow(kind)) {
            throw new ChangeRejected(400, "Invalid change", "only rule sets, decision and scoring models run in shadow");
        }
        if (summary != null && summary.length() > 500) {
            throw new ChangeRejected(400, "Invalid change", "summary is limited to 500 characters");
        }
        UUID shadow = store.shadowChange(kind);
        if (shadow == null) {
            throw new ChangeRejected(409, "Nothing in shadow", "no " + kind.id() + " runs in shadow; nothing was submitted");
        }
        AssetChange inShadow = store.find(shadow).orElseThrow();
        byte[] content = ShadowSteps.content(shadow);
        AssetChange c = new AssetChange(UUID.randomUUID(), kind, kind.id(), operation, inShadow.version(), summary, content,
                sha256(content), AssetChange.Status.PENDING, author, clock.instant(), null, null, null, null);
        tx.executeWithoutResult(s -> {
            store.insert(c);
            Map<String, Object> d = details(c, null);
            d.put("shadowChange", shadow.toString());
            journal(c, author, "CHANGE_SUBMITTED", d);
        });
        return c;
    }

    /**
     * A decision model replaces the whole table, and its scenarios of record all of them: one checked against a
     * table that is no longer live would silently undo what was approved since (its rows and its restated or
     * added scenarios). It is submitted again on top of the live one instead.
     */
    private void refuseIfStale(AssetChange c) {
        store.scenarios(c.changeId()).ifPresent(s -> {
            UUID now = store.inForceChange(AssetKind.DECISION_MODEL);
            if (!java.util.Objects.equals(now, s.basedOn())) {
                throw new ChangeRejected(409, "Live table changed", "another decision model ("
                        + (now == null ? "the shipped one" : "change " + now) + ") went live after this change was "
                        + "submitted against " + (s.basedOn() == null ? "the shipped one" : "change " + s.basedOn())
                        + "; approving it would undo that table and its scenarios. Submit this table again on top of the "
                        + "live one; nothing was approved");
            }
        });
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With {@code ringfence.governance.review.backtest-required-for}: no yes before the approver can read what it would do. */
    private void refuseIfNotBacktested(AssetChange c) {
        if (!review.requiresBacktest(c)) {
            return;
        }
        ChangeBacktests b = backtests.getIfAvailable();
        if (b == null || !b.finished(c.changeId())) {
            throw new ChangeRejected(409, "Backtest required", "a " + c.kind().id() + " change is approved once a "
                    + "backtest of it on stored history has finished (ringfence.governance.review.backtest-required-for): "
                    + "run one from the change's page on Approvals or POST /api/v1/changes/" + c.changeId()
                    + "/backtests, then approve");
        }
    }

    /**
     * The second person's yes. The content is checked again (what it runs against may have changed
     * since it was submitted). A deployable change goes live on this instance right after the commit and
     * on the others at their next sync; a hot-list edit reaches Redis right after the commit, or, if
     * Redis is away, at the next retry ({@link #applyApprovedEdits}).
     */
    public AssetChange approve(UUID id, String reviewer, String note) {
        AssetChange c = pending(id, reviewer);
        if (c.author().equals(reviewer)) {
            throw new ChangeRejected(403, "Four eyes", "you submitted this change; someone else must approve it");
        }
        refuseIfNotBacktested(c);
        if (ShadowSteps.isStep(c.operation())) {
            return approveShadowStep(c, reviewer, note);
        }
        if (ShadowSteps.SHADOW.equals(c.operation())) {
            return approveShadow(c, reviewer, note);
        }
        if (c.kind() == AssetKind.DECISION_MODEL) {
            refuseIfStale(c);
        }
        AssetCompiler.Compiled compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
        Instant at = clock.instant();
        List<AssetChange> follow = c.kind() == AssetKind.REFERENCE_DATA
                ? screening.edits((ReferenceVersion) compiled.value(), c.author(), at) : List.of();
        long revision = tx.execute(s -> {
            AssetChange locked = store.lockPending(id).orElseThrow(() -> notPending(id));
            if (c.kind() == AssetKind.DECISION_MODEL) {
                // Again under the live row's lock: a table approved meanwhile on another instance counts.
                store.lockLive(AssetKind.DECISION_MODEL);
                refuseIfStale(c);
            }
            store.review(id, AssetChange.Status.APPROVED, reviewer, note, at);
            journal(locked, reviewer, "CHANGE_APPROVED", details(locked, note));
            follow(follow, reviewer, "with change " + id, at);
            return c.kind().deployable() ? store.setLive(c.kind(), id, reviewer, "APPROVED", at) : 0L;
        });
        if (c.kind().deployable()) {
            live.put(revision, id, compiled);
        } else {
            applyEdits(c.target());
        }
        if (!follow.isEmpty()) {
            applyEdits(ScreeningFollowsReference.LIST);
        }
        return store.find(id).orElseThrow();
    }

    /** A model into shadow: every instance runs it beside the live one from its next sync; nothing it decides is sent. */
    private AssetChange approveShadow(AssetChange c, String reviewer, String note) {
        if (c.kind() == AssetKind.DECISION_MODEL) {
            // A table checked against a live table that is gone could never be promoted: it is submitted again instead.
            refuseIfStale(c);
        }
        AssetCompiler.Compiled compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
        Instant at = clock.instant();
        long revision = tx.execute(s -> {
            AssetChange locked = store.lockPending(c.changeId()).orElseThrow(() -> notPending(c.changeId()));
            if (c.kind() == AssetKind.DECISION_MODEL) {
                store.lockLive(AssetKind.DECISION_MODEL);
                refuseIfStale(c);
            }
            store.review(c.changeId(), AssetChange.Status.APPROVED, reviewer, note, at);
            journal(locked, reviewer, "CHANGE_APPROVED", details(locked, note));
            return store.setShadow(c.kind(), c.changeId(), reviewer, "APPROVED", at);
        });
        live.putShadow(c.kind(), revision, c.changeId(), compiled);
        return store.find(c.changeId()).orElseThrow();
    }

    /**
     * Promotion (the model in shadow goes live and the shadow is emptied) or the end of a shadow run. Refused when the
     * model in shadow is no longer the one the change names: the reviewer approves what the author saw.
     */
    private AssetChange approveShadowStep(AssetChange c, String reviewer, String note) {
        UUID shadow = ShadowSteps.shadowChange(c);
        boolean promote = ShadowSteps.PROMOTE.equals(c.operation());
        AssetCompiler.Compiled compiled = null;
        AssetChange model = promote ? store.find(shadow).orElseThrow(() -> new ChangeRejected(409, "Shadow changed",
                "change " + shadow + " is not stored")) : null;
        if (promote) {
            if (model.kind() == AssetKind.DECISION_MODEL) {
                // The table in shadow was checked against the live table of its day, as any table is.
                refuseIfStale(model);
            }
            compiled = compiler.compile(model.kind(), model.target(), model.operation(), model.content(), model.version());
        }
        Instant at = clock.instant();
        long[] revisions = tx.execute(s -> {
            AssetChange locked = store.lockPending(c.changeId()).orElseThrow(() -> notPending(c.changeId()));
            UUID now = store.lockShadow(c.kind());
            if (!shadow.equals(now)) {
                throw new ChangeRejected(409, "Shadow changed", "this change " + (promote ? "promotes" : "ends the shadow of")
                        + " change " + shadow + ", but " + (now == null ? "nothing" : "change " + now) + " runs in shadow "
                        + "now; nothing was approved");
            }
            if (promote && model.kind() == AssetKind.DECISION_MODEL) {
                store.lockLive(AssetKind.DECISION_MODEL);
                refuseIfStale(model);
            }
            store.review(c.changeId(), AssetChange.Status.APPROVED, reviewer, note, at);
            Map<String, Object> d = details(locked, note);
            d.put("shadowChange", shadow.toString());
            journal(locked, reviewer, "CHANGE_APPROVED", d);
            long liveRevision = promote ? store.setLive(c.kind(), shadow, reviewer, "PROMOTED", at) : 0;
            long shadowRevision = store.setShadow(c.kind(), null, reviewer, promote ? "PROMOTED" : "ENDED", at);
            return new long[]{liveRevision, shadowRevision};
        });
        // The shadow is emptied first: a decision between the two steps never compares the promoted model with itself.
        live.putShadow(c.kind(), revisions[1], null, null);
        if (promote) {
            live.put(revisions[0], shadow, compiled);
        }
        return store.find(c.changeId()).orElseThrow();
    }

    /** Retries approved hot-list edits that did not reach Redis when they were approved. */
    @Scheduled(fixedDelayString = "${ringfence.governance.sync:PT5S}", initialDelayString = "${ringfence.governance.sync:PT5S}")
    public void applyApprovedEdits() {
        store.listsWithUnapplied().forEach(this::applyEdits);
    }

    /**
     * Applies the list's approved edits in approval order, each once: the rows stay locked while Redis is
     * written, and an edit is marked applied only in the transaction that applied it. Every edit is
     * idempotent, so one written to Redis whose mark did not commit is harmlessly written again.
     */
    private void applyEdits(String list) {
        try {
            tx.executeWithoutResult(s -> {
                for (AssetChange e : store.lockUnapplied(list)) {
                    hotLists.apply(e.target(), HotListEdits.Operation.valueOf(e.operation()), e.text());
                    store.applied(e.changeId(), clock.instant());
                }
            });
        } catch (RuntimeException e) {
            log.warn("approved edits of hot list {} are not applied yet ({}); retrying", list, e.getMessage());
        }
    }

    public AssetChange reject(UUID id, String reviewer, String note) {
        if (note == null || note.isBlank()) {
            throw new ChangeRejected(400, "Invalid review", "a rejection needs a note saying why", java.util.List.of(),
                    Map.of("field", "note"));
        }
        AssetChange c = pending(id, reviewer);
        if (c.author().equals(reviewer)) {
            throw new ChangeRejected(403, "Four eyes", "you submitted this change; withdraw it instead");
        }
        return close(id, AssetChange.Status.REJECTED, reviewer, note, "CHANGE_REJECTED");
    }

    /** The author takes a pending change back, or discards a draft. */
    public AssetChange withdraw(UUID id, String author) {
        AssetChange c = visible(id, author);
        if (c.status() != AssetChange.Status.DRAFT && c.status() != AssetChange.Status.PENDING) {
            throw notPending(id);
        }
        if (!c.author().equals(author)) {
            throw new ChangeRejected(403, "Forbidden", "only the author may withdraw a change");
        }
        Instant at = clock.instant();
        tx.executeWithoutResult(s -> {
            AssetChange locked = store.lockOpen(id).orElseThrow(() -> notPending(id));
            if (locked.status() == AssetChange.Status.DRAFT) {
                // Never submitted, so never anyone else's to read: discarded, and as private as the draft was.
                store.review(id, AssetChange.Status.DISCARDED, null, null, at);
                journal(locked, author, "CHANGE_DISCARDED", draftDetails(locked));
            } else {
                store.review(id, AssetChange.Status.WITHDRAWN, author, null, at);
                journal(locked, author, "CHANGE_WITHDRAWN", details(locked, null));
            }
        });
        return store.find(id).orElseThrow();
    }

    /**
     * Puts an earlier approved change of the kind (or, with null, the version shipped in the jars) live
     * again at once: it was approved when it went live the first time, and a rollback is what one does
     * when the new version misbehaves, so it does not wait for a second person.
     */
    public LiveAssets.InForce rollback(AssetKind kind, UUID to, String actor, String note) {
        if (!kind.deployable()) {
            throw new ChangeRejected(400, "Not deployable", kind.id() + " changes are edits, not versions: submit the reverse edit");
        }
        AssetCompiler.Compiled compiled;
        if (to == null) {
            compiled = live.base(kind);
        } else {
            AssetChange c = visible(to, actor);
            if (c.kind() != kind || c.status() != AssetChange.Status.APPROVED) {
                throw new ChangeRejected(409, "Not a version to roll back to",
                        "change " + to + " is a " + c.status() + " " + c.kind().id() + " change, not an approved " + kind.id());
            }
            if (ShadowSteps.isStep(c.operation())
                    || (ShadowSteps.SHADOW.equals(c.operation()) && !store.wasPromoted(c.changeId()))) {
                // A model approved for shadow only was never approved to decide: it goes live by promotion.
                throw new ChangeRejected(409, "Not a version to roll back to", "change " + to + " was never live "
                        + "(a shadow run, or a step of one); promote a model in shadow instead");
            }
            compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
        }
        Instant at = clock.instant();
        // Rolled back by one supervisor: the screening edits that follow are the service's, reviewed by that supervisor.
        List<AssetChange> follow = kind == AssetKind.REFERENCE_DATA
                ? screening.edits((ReferenceVersion) compiled.value(), "ringfence", at) : List.of();
        long revision = tx.execute(s -> {
            follow(follow, actor, "with the rollback", at);
            long r = store.setLive(kind, to, actor, "ROLLED_BACK", at);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", kind.id());
            d.put("to", to == null ? "shipped" : to.toString());
            d.put("version", compiled.version());
            d.put("revision", r);
            d.put("note", note);
            append(to == null ? kind.id() + ":shipped" : to.toString(), kind, kind.id(), actor, "ASSET_ROLLED_BACK", d, at);
            return r;
        });
        live.put(revision, to, compiled);
        if (!follow.isEmpty()) {
            applyEdits(ScreeningFollowsReference.LIST);
        }
        return live.inForce().get(kind);
    }

    /** Stores screening edits that follow a reference change as approved by its reviewer, each in the audit trail. */
    private void follow(List<AssetChange> edits, String reviewer, String note, Instant at) {
        for (AssetChange e : edits) {
            store.insert(e);
            store.review(e.changeId(), AssetChange.Status.APPROVED, reviewer, note, at);
            journal(e, reviewer, "CHANGE_APPROVED", details(e, note));
        }
    }

    private AssetChange close(UUID id, AssetChange.Status status, String actor, String note, String action) {
        Instant at = clock.instant();
        tx.executeWithoutResult(s -> {
            AssetChange locked = store.lockPending(id).orElseThrow(() -> notPending(id));
            store.review(id, status, actor, note, at);
            journal(locked, actor, action, details(locked, note));
        });
        return store.find(id).orElseThrow();
    }

    private AssetChange pending(UUID id, String actor) {
        AssetChange c = visible(id, actor);
        if (c.status() == AssetChange.Status.DRAFT) {
            throw new ChangeRejected(409, "A draft", "change " + id + " is your draft: submit it for review first (POST "
                    + "/api/v1/changes/" + id + "/submit)");
        }
        if (c.status() != AssetChange.Status.PENDING) {
            throw notPending(id);
        }
        return c;
    }

    private static ChangeRejected notPending(UUID id) {
        return new ChangeRejected(409, "Not pending", "change " + id + " is no longer pending");
    }

    /** What the trail says of a draft, which only its author may read: that it exists, not what it holds. */
    private static Map<String, Object> draftDetails(AssetChange c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", c.kind().id());
        d.put("sha256", c.contentSha256());
        d.put("author", c.author());
        return d;
    }

    private static Map<String, Object> details(AssetChange c, String note) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", c.kind().id());
        d.put("target", c.target());
        d.put("operation", c.operation());
        d.put("version", c.version());
        d.put("sha256", c.contentSha256());
        d.put("bytes", c.content() == null ? null : c.content().length);
        d.put("author", c.author());
        d.put("summary", c.summary());
        if (note != null) {
            d.put("note", note);
        }
        return d;
    }

    private void journal(AssetChange c, String actor, String action, Map<String, Object> detail) {
        append(c.changeId().toString(), c.kind(), c.target(), actor, action, detail, clock.instant());
    }

    /** In the caller's transaction; the change id stands where a decision id stands for actions on decisions. */
    private void append(String subjectId, AssetKind kind, String target, String actor, String action,
                        Map<String, Object> detail, Instant at) {
        try {
            audit.recordAction(new AuditTrail.ActionSubject(subjectId, "ASSET", kind.id() + ":" + target, null, null, null),
                    actor, action, mapper.writeValueAsString(detail), at.toEpochMilli());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the change's audit detail", e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
