package io.ringfence.screening;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringfence.screening.ScreenAnswer.Verdict;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Answers whether a call or SMS may proceed, from the blocks and hot lists in Redis, in one round
 * trip: a Lua script ({@code screen.lua}) walks the order of docs/screening.md on the server.
 * Allow lists win; then blocks in force on A, B and the source; then the deny list, IRSF test
 * numbers and high-risk ranges (longest prefix) for B.
 */
@Component
public class Screening {
    private static final RedisScript<List> SCRIPT =
            RedisScript.of(new ClassPathResource("io/ringfence/screening/screen.lua"), List.class);
    private static final List<String> LIST_KEYS = List.of(
            RedisKeys.list(HotList.ALLOW_MSISDN), RedisKeys.list(HotList.ALLOW_PREFIX), RedisKeys.list(HotList.DENY),
            RedisKeys.list(HotList.IRSF_TEST), RedisKeys.list(HotList.HIGH_RISK_RANGE));

    private record BlockKey(String action, String kind, String value) {
        String redisKey() {
            return RedisKeys.block(action, kind, value);
        }
    }

    private final StringRedisTemplate redis;
    private final Timer allowTimer;
    private final Timer denyTimer;

    public Screening(StringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.allowTimer = timer(meters, Verdict.ALLOW);
        this.denyTimer = timer(meters, Verdict.DENY);
    }

    /** @param request a request whose {@link ScreenRequest#invalid()} is null */
    public ScreenAnswer screen(ScreenRequest request) {
        long start = System.nanoTime();
        List<BlockKey> blocks = blockKeys(request);
        List<String> keys = new ArrayList<>(LIST_KEYS.size() + blocks.size());
        keys.addAll(LIST_KEYS);
        blocks.forEach(k -> keys.add(k.redisKey()));
        @SuppressWarnings("unchecked")
        List<String> r = redis.execute(SCRIPT, keys, request.a(), request.b());
        ScreenAnswer answer = answer(request, blocks, r);
        (answer.verdict() == Verdict.ALLOW ? allowTimer : denyTimer).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return answer;
    }

    /** The blocks that would stop this call, most specific first. */
    private static List<BlockKey> blockKeys(ScreenRequest q) {
        List<BlockKey> keys = new ArrayList<>(6);
        keys.add(new BlockKey("BLOCK_SUBSCRIBER", "SUBSCRIBER", q.a()));
        keys.add(new BlockKey("BLOCK_NUMBER", "NUMBER", q.a()));
        keys.add(new BlockKey("BLOCK_NUMBER", "NUMBER", q.b()));
        if (ScreenRequest.present(q.ip())) {
            keys.add(new BlockKey("BLOCK_SOURCE", "IP", q.ip()));
        }
        if (ScreenRequest.present(q.trunk())) {
            keys.add(new BlockKey("BLOCK_SOURCE", "TRUNK", q.trunk()));
        }
        if (ScreenRequest.present(q.senderId())) {
            keys.add(new BlockKey("BLOCK_SOURCE", "SENDER", q.senderId()));
        }
        return keys;
    }

    private static ScreenAnswer answer(ScreenRequest q, List<BlockKey> blocks, List<String> r) {
        if (r == null || r.size() < 4) {
            return new ScreenAnswer(Verdict.ALLOW, "no block or hot list entry applies", null, null);
        }
        Verdict verdict = Verdict.valueOf(r.get(0));
        String list = r.get(1);
        String matched = r.get(2);
        String note = r.get(3).isEmpty() ? "" : ": " + r.get(3);
        return switch (list) {
            case "block" -> {
                BlockKey b = blocks.get(Integer.parseInt(matched) - 1);
                yield new ScreenAnswer(verdict, b.action() + " in force on " + b.kind() + " " + b.value(), r.get(3), null);
            }
            case "allow-msisdn" -> new ScreenAnswer(verdict, "A " + q.a() + " is on allow-msisdn" + note, null, list);
            case "allow-prefix" -> new ScreenAnswer(verdict, "B " + q.b() + " matches allow-prefix " + matched + note, null, list);
            case "deny" -> new ScreenAnswer(verdict, "B " + q.b() + " is on the deny list" + note, null, list);
            case "irsf-test" -> new ScreenAnswer(verdict, "B " + q.b() + " is an IRSF test number" + note, null, list);
            case "high-risk-range" -> new ScreenAnswer(verdict, "B " + q.b() + " is in high-risk range " + matched + note, null, list);
            default -> throw new IllegalStateException("screen.lua answered an unknown list " + list);
        };
    }

    private static Timer timer(MeterRegistry meters, Verdict verdict) {
        return Timer.builder("ringfence.screening")
                .description("Service time of a screening answer, Redis round trip included")
                .tag("verdict", verdict.name())
                .publishPercentileHistogram()
                .register(meters);
    }
}
