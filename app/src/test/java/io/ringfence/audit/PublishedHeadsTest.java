package io.ringfence.audit;

import io.ringfence.contract.Action;
import io.ringfence.startup.StartupRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ringfence.audit.EventHistoryWriterTest.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain against whoever owns the database: heads signed outside it catch a consistent rewrite. */
class PublishedHeadsTest {
    private static final LocalDate DAY = LocalDate.parse("2026-07-14");
    private static final LocalDate NEXT = DAY.plusDays(1);

    @TempDir
    Path folder;
    private DataSource db;
    private AuditTrail trail;
    private HeadPublisher publisher;
    private Map<String, PublicKey> keys;
    private Path heads;

    @BeforeEach
    void trailAndPublisher() throws SQLException {
        db = TestDatabase.fresh();
        trail = new AuditTrail(new DailyPartitions(db));
        KeyPair pair = HeadSigningKeys.generate(folder.resolve("key.pem"), folder.resolve("key.pub.pem"));
        String keyId = HeadSigningKeys.keyId(pair.getPublic());
        keys = Map.of(keyId, HeadSigningKeys.readPublic(folder.resolve("key.pub.pem")));
        heads = folder.resolve("heads");
        publisher = new HeadPublisher(db, heads, HeadSigningKeys.readPrivate(folder.resolve("key.pem")), keyId,
                Clock.fixed(Instant.parse("2026-07-15T12:00:00Z"), ZoneOffset.UTC));
        append(DAY, 1, 3);
        append(NEXT, 10, 2);
    }

    private void append(LocalDate day, int firstId, int n) throws SQLException {
        List<AuditedDecision> batch = new ArrayList<>();
        for (int i = firstId; i < firstId + n; i++) {
            batch.add(AuditFixtures.audited(AuditFixtures.decision("D" + i, Action.BLOCK_SUBSCRIBER, "4477009000" + i,
                    "IRSF", day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * i))));
        }
        inTx(db, c -> trail.appendDecisions(c, batch));
    }

    private PublishedHeads.Report verify() throws SQLException {
        try (Connection c = db.getConnection()) {
            return new PublishedHeads().verify(c, heads, keys, null);
        }
    }

    @Test
    void aCleanChainMatchesItsPublishedHeads() throws SQLException {
        List<SignedHead> published = publisher.publish();
        assertThat(published).extracting(SignedHead::day, SignedHead::lastSeq).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DAY, 3L), org.assertj.core.groups.Tuple.tuple(NEXT, 2L));
        assertThat(publisher.publish()).as("nothing moved, nothing new to sign").isEmpty();
        append(DAY, 4, 2);
        assertThat(publisher.publish()).extracting(SignedHead::lastSeq).containsExactly(5L);

        PublishedHeads.Report report = verify();
        assertThat(report.intact()).as("%s", report.breaks()).isTrue();
        assertThat(report.headsChecked()).isEqualTo(3);
        assertThat(report.days()).extracting(PublishedHeads.Day::lastPublishedSeq).containsExactly(5L, 2L);
    }

    @Test
    void aTailRewrittenWithItsStoredHeadVerifiesAloneButNotAgainstThePublishedHead() throws SQLException {
        publisher.publish();
        append(DAY, 4, 2);
        publisher.publish();

        OwnerTampering.rewriteConsistently(db, DAY, 4, "{\"decisionId\":\"D4\",\"action\":\"MONITOR\"}");

        try (Connection c = db.getConnection()) {
            assertThat(new ChainVerifier().verifyAll(c).intact())
                    .as("the rewrite is consistent: the chain alone cannot tell").isTrue();
        }
        PublishedHeads.Report report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak().day()).isEqualTo(DAY);
        assertThat(report.firstBreak().seq()).as("after seq 3, whose published head still matches").isEqualTo(4);
        assertThat(report.firstBreak().toString()).contains("rewritten: seq 4 to 5 no longer hash to the head published at")
                .contains("seq 3 still matches");
        assertThat(report.breaks()).hasSize(1);

        append(DAY, 6, 1);
        assertThat(publisher.publish()).as("a rewritten chain is not signed again").isEmpty();
    }

    @Test
    void aTailDeletedWithItsStoredHeadMovedBackIsNamed() throws SQLException {
        publisher.publish();
        OwnerTampering.cutTail(db, DAY, 3);

        try (Connection c = db.getConnection()) {
            assertThat(new ChainVerifier().verifyAll(c).intact()).isTrue();
        }
        ChainVerifier.Break b = verify().firstBreak();
        assertThat(b).isNotNull();
        assertThat(b.toString()).startsWith("day 2026-07-14 seq 3: missing: the chain ends at seq 2 but a head published at");
    }

    @Test
    void aWholeDayDeletedIsNamedUnlessOlderThanEveryDayKept() throws SQLException {
        publisher.publish();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_entry WHERE chain_day = '" + NEXT + "'");
            s.executeUpdate("DELETE FROM audit_chain_head WHERE chain_day = '" + NEXT + "'");
        }
        assertThat(verify().firstBreak().toString()).isEqualTo("day 2026-07-15 seq 1: the day's chain is gone from "
                + "the database, but a head up to seq 2 was published at 2026-07-15T12:00:00Z");

    }

    @Test
    void aDayOlderThanEveryDayKeptWasDroppedByRetention() throws SQLException {
        publisher.publish();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_entry WHERE chain_day = '" + DAY + "'");
            s.executeUpdate("DELETE FROM audit_chain_head WHERE chain_day = '" + DAY + "'");
        }
        PublishedHeads.Report report = verify();
        assertThat(report.intact()).as("%s", report.breaks()).isTrue();
        assertThat(report.dropped()).containsExactly(DAY);
    }

    @Test
    void anAlteredPublishedLineIsNamed() throws Exception {
        publisher.publish();
        Path file = heads.resolve("audit-heads-" + DAY + ".jsonl");
        String line = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, line.replace("\"lastSeq\":3", "\"lastSeq\":2"), StandardCharsets.UTF_8);

        ChainVerifier.Break b = verify().firstBreak();
        assertThat(b.toString()).isEqualTo("day 2026-07-14 seq 2: published head audit-heads-2026-07-14.jsonl line 1: "
                + "the signature does not verify (the line was altered after it was signed)");
    }

    @Test
    void anotherKeyIsNotTrusted() throws SQLException {
        publisher.publish();
        KeyPair other = HeadSigningKeys.generate(folder.resolve("other.pem"), folder.resolve("other.pub.pem"));
        try (Connection c = db.getConnection()) {
            PublishedHeads.Report report = new PublishedHeads().verify(c, heads,
                    Map.of(HeadSigningKeys.keyId(other.getPublic()), other.getPublic()), null);
            assertThat(report.firstBreak().problem()).contains("which is not among the public keys given");
        }
    }

    @Test
    void aRestartedPublisherCarriesOnFromItsFolder() throws SQLException {
        publisher.publish();
        String keyId = keys.keySet().iterator().next();
        HeadPublisher restarted = new HeadPublisher(db, heads, HeadSigningKeys.readPrivate(folder.resolve("key.pem")),
                keyId, Clock.systemUTC());
        assertThat(restarted.publish()).isEmpty();
        OwnerTampering.rewriteConsistently(db, DAY, 2, "{}");
        append(DAY, 4, 1);
        assertThat(new HeadPublisher(db, heads, HeadSigningKeys.readPrivate(folder.resolve("key.pem")), keyId,
                Clock.systemUTC()).publish()).as("the rewritten day is not signed, the other did not move").isEmpty();
    }

    @Test
    void aPublicKeyOfAnotherPairIsRefusedAtStart() {
        HeadSigningKeys.generate(folder.resolve("other.pem"), folder.resolve("other.pub.pem"));
        HeadSigningProperties mismatched = new HeadSigningProperties(true, heads, folder.resolve("key.pem"),
                folder.resolve("other.pub.pem"), null);
        assertThatThrownBy(() -> new AuditConfiguration().headPublisher(db, mismatched))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("is not the public key of");
        HeadSigningProperties missing = new HeadSigningProperties(true, heads, folder.resolve("absent.pem"),
                folder.resolve("key.pub.pem"), null);
        assertThatThrownBy(() -> new AuditConfiguration().headPublisher(db, missing))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("no signing key at");
    }
}
