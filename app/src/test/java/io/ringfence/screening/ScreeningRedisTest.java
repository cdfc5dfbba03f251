package io.ringfence.screening;

import io.ringfence.blocks.BlockRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringfence.contract.Action;
import io.ringfence.detection.Subject;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.screening.ScreenAnswer.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The screening order against a real Redis: blocks from the mirror, hot lists, reference lists. */
class ScreeningRedisTest {
    private static final String A = "+447700900001";
    private static final String B = "+447700900002";
    private static final String IRSF_TEST = "+88213500001";

    private static RedisFixture fixture;
    private static BlockMirror mirror;
    private static HotLists lists;
    private static Screening screening;
    private static ReferenceLists reference;

    @BeforeAll
    static void startRedis() {
        fixture = new RedisFixture();
        mirror = new BlockMirror(fixture.redis, Duration.ofHours(24));
        lists = new HotLists(fixture.redis);
        screening = new Screening(fixture.redis, new SimpleMeterRegistry());
        reference = new ReferenceLists(new ReferenceDataRepository(ReferenceDataLoader.defaults()));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void empty() {
        fixture.flush();
    }

    private static ScreenAnswer screen(String a, String b) {
        return screening.screen(new ScreenRequest(a, b, "VOICE", null, null, null));
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static List<HotListCsv.Entry> entries(String... valueNotePairs) {
        List<HotListCsv.Entry> out = new java.util.ArrayList<>();
        for (int i = 0; i < valueNotePairs.length; i += 2) {
            out.add(new HotListCsv.Entry(valueNotePairs[i], valueNotePairs[i + 1]));
        }
        return out;
    }

    @Test
    void nothingListedAllows() {
        ScreenAnswer answer = screen(A, B);
        assertThat(answer.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(answer.decisionId()).isNull();
        assertThat(answer.list()).isNull();
    }

    @Test
    void blockedSubscriberIsDeniedWithTheDecisionId() {
        mirror.blocked(Decisions.block("d-1", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));

        ScreenAnswer answer = screen(A, B);

        assertThat(answer.verdict()).isEqualTo(Verdict.DENY);
        assertThat(answer.decisionId()).isEqualTo("d-1");
        assertThat(answer.reason()).isEqualTo("BLOCK_SUBSCRIBER in force on SUBSCRIBER " + A);
        // The block is on A as a subscriber: the same number as B is not refused.
        assertThat(screen(B, A).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void blockedNumberIsDeniedAsCallerAndAsDestination() {
        String wangiri = "+2693210001";
        mirror.blocked(Decisions.block("d-2", Action.BLOCK_NUMBER, Subject.number(wangiri), now(), now() + 60_000));

        assertThat(screen(wangiri, B).decisionId()).isEqualTo("d-2");
        assertThat(screen(A, wangiri).decisionId()).isEqualTo("d-2");
        assertThat(screen(A, wangiri).reason()).isEqualTo("BLOCK_NUMBER in force on NUMBER " + wangiri);
    }

    @Test
    void blockedSourcesDenyOnlyCallsFromThem() {
        mirror.blocked(Decisions.block("d-ip", Action.BLOCK_SOURCE, Subject.ip("203.0.113.9"), now(), now() + 60_000));
        mirror.blocked(Decisions.block("d-trunk", Action.BLOCK_SOURCE, Subject.trunk("PBX-7"), now(), now() + 60_000));
        mirror.blocked(Decisions.block("d-sender", Action.BLOCK_SOURCE, Subject.sender("PROMO"), now(), now() + 60_000));

        assertThat(screening.screen(new ScreenRequest(A, B, "VOICE", "203.0.113.9", null, null)).decisionId()).isEqualTo("d-ip");
        assertThat(screening.screen(new ScreenRequest(A, B, "VOICE", null, "PBX-7", null)).decisionId()).isEqualTo("d-trunk");
        assertThat(screening.screen(new ScreenRequest(A, B, "SMS", null, null, "PROMO")).decisionId()).isEqualTo("d-sender");
        assertThat(screening.screen(new ScreenRequest(A, B, "VOICE", "203.0.113.10", "PBX-8", "OTHER")).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void allowListBeatsABlockOnTheLineItself() {
        mirror.blocked(Decisions.block("d-3", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));
        lists.add(HotList.ALLOW_MSISDN, entries(A, "operator test SIM"));

        ScreenAnswer answer = screen(A, B);

        assertThat(answer.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(answer.list()).isEqualTo("allow-msisdn");
        assertThat(answer.reason()).isEqualTo("A " + A + " is on allow-msisdn: operator test SIM");
        assertThat(answer.decisionId()).isNull();
    }

    @Test
    void anAllowListedLineIsNotExemptFromWhatItCalls() {
        lists.add(HotList.ALLOW_MSISDN, entries(A, "VIP"));
        lists.add(HotList.IRSF_TEST, entries(IRSF_TEST, "test-call service"));
        mirror.blocked(Decisions.block("d-wangiri", Action.BLOCK_NUMBER, Subject.number(B), now(), now() + 60_000));

        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.DENY);
        assertThat(screen(A, B).decisionId()).isEqualTo("d-wangiri");
        assertThat(screen(A, IRSF_TEST).list()).isEqualTo("irsf-test");
    }

    @Test
    void allowPrefixLetsABarredLineReachCustomerCare() {
        mirror.blocked(Decisions.block("d-4", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));
        lists.add(HotList.ALLOW_PREFIX, entries("44800", "customer care"));

        assertThat(screen(A, "+448001234567").list()).isEqualTo("allow-prefix");
        assertThat(screen(A, "+448001234567").verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(screen(A, "+447911123456").decisionId()).isEqualTo("d-4");
    }

    @Test
    void expiredBlockAllows() throws InterruptedException {
        mirror.blocked(Decisions.block("d-5", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 150));
        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.DENY);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Boolean.TRUE.equals(fixture.redis.hasKey(RedisKeys.block("BLOCK_SUBSCRIBER", "SUBSCRIBER", A)))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aBlockWhoseEventTimeExpiryIsPastInWallTimeIsKeptForItsDuration() {
        long decided = now() - Duration.ofDays(30).toMillis();
        mirror.blocked(Decisions.block("d-6", Action.BLOCK_NUMBER, Subject.number(B), decided,
                decided + Duration.ofHours(24).toMillis()));

        Long ttl = fixture.redis.getExpire(RedisKeys.block("BLOCK_NUMBER", "NUMBER", B));
        assertThat(ttl).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        assertThat(screen(A, B).decisionId()).isEqualTo("d-6");
    }

    @Test
    void liftedBlockAllows() {
        mirror.blocked(Decisions.block("d-7", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));
        mirror.lifted("BLOCK_SUBSCRIBER", Subject.subscriber(A).target());

        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void nonBlockDecisionsAreNotMirrored() {
        mirror.blocked(Decisions.block("d-8", Action.OPEN_CASE, Subject.subscriber(A), now(), now() + 60_000));

        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void reconcileRewritesTheMirrorFromTheAuthoritativeRows() {
        mirror.blocked(Decisions.block("stale", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));

        mirror.reconcile(List.of(
                new BlockRow("BLOCK_NUMBER", "NUMBER", B, "d-9", now() + 60_000),
                new BlockRow("BLOCK_SOURCE", "IP", "2001:db8::7", "d-10", now() - 1_000)));

        assertThat(screen(A, "+447700900003").verdict()).as("the block not in the table is gone").isEqualTo(Verdict.ALLOW);
        assertThat(screen(A, B).decisionId()).isEqualTo("d-9");
        assertThat(screening.screen(new ScreenRequest(A, "+447700900003", "VOICE", "2001:db8::7", null, null)).decisionId())
                .as("a row past its expiry in wall time is kept (event time)").isEqualTo("d-10");
        assertThat(fixture.redis.getExpire(RedisKeys.block("BLOCK_SOURCE", "IP", "2001:db8::7")))
                .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
    }

    @Test
    void irsfTestNumberFromTheReferenceDataIsDenied() {
        lists.replace(HotList.IRSF_TEST, reference.irsfTestNumbers());

        ScreenAnswer answer = screen(A, IRSF_TEST);

        assertThat(answer.verdict()).isEqualTo(Verdict.DENY);
        assertThat(answer.list()).isEqualTo("irsf-test");
        assertThat(answer.reason()).startsWith("B " + IRSF_TEST + " is an IRSF test number");
    }

    @Test
    void highRiskRangeMatchesTheLongestPrefix() {
        lists.replace(HotList.HIGH_RISK_RANGE, entries("371", "Latvia", "37181", "Latvia premium"));

        ScreenAnswer premium = screen(A, "+37181234567");
        ScreenAnswer latvia = screen(A, "+37120000000");

        assertThat(premium.verdict()).isEqualTo(Verdict.DENY);
        assertThat(premium.list()).isEqualTo("high-risk-range");
        assertThat(premium.reason()).isEqualTo("B +37181234567 is in high-risk range 37181: Latvia premium");
        assertThat(latvia.reason()).isEqualTo("B +37120000000 is in high-risk range 371: Latvia");
        assertThat(screen(A, "+37281234567").verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void shippedHighRiskRangesAreSeededWithTheirPrefixes() {
        lists.replace(HotList.HIGH_RISK_RANGE, reference.highRiskRanges());

        assertThat(screen(A, "+37181234567").reason()).startsWith("B +37181234567 is in high-risk range 37181:");
        assertThat(screen(A, "+2521234567").reason()).startsWith("B +2521234567 is in high-risk range 252: Somalia");
        assertThat(screen(A, B).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void denyListRefusesTheDestinationButBlocksComeFirst() {
        lists.add(HotList.DENY, entries(B, "fraud desk"));
        assertThat(screen(A, B).list()).isEqualTo("deny");

        mirror.blocked(Decisions.block("d-11", Action.BLOCK_SUBSCRIBER, Subject.subscriber(A), now(), now() + 60_000));
        assertThat(screen(A, B).decisionId()).isEqualTo("d-11");
        assertThat(screen(A, B).list()).isNull();
    }
}
