package io.ringfence.screening;

import io.ringfence.blocks.BlockRow;
import io.ringfence.contract.Decision;
import io.ringfence.contract.Target;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mirrors the blocks in force into Redis, where screening reads them. PostgreSQL's {@code active_block}
 * stays the authority: the streaming consumer calls {@link #blocked} and {@link #lifted} after its
 * batch commits, and {@link #reconcile} rewrites the mirror from the table at start, so a write lost
 * between the two (a crash after the commit) is repaired on the next start.
 */
@Component
public class BlockMirror {
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Duration fallbackTtl;

    @Autowired
    public BlockMirror(StringRedisTemplate redis,
                       @Value("${ringfence.screening.fallback-block-ttl:PT24H}") Duration fallbackTtl) {
        this(redis, Clock.systemUTC(), fallbackTtl);
    }

    BlockMirror(StringRedisTemplate redis, Clock clock, Duration fallbackTtl) {
        this.redis = redis;
        this.clock = clock;
        this.fallbackTtl = fallbackTtl;
    }

    /** Writes a block decision; decisions that carry no expiry (not blocks) are ignored. */
    public void blocked(Decision d) {
        if (d.expiresAtMillis() == null || !d.action().isBlock()) {
            return;
        }
        long ttl = d.expiresAtMillis() - clock.millis();
        if (ttl <= 0) {
            // Expiry runs on event time: a replayed or simulated stream decides with timestamps that
            // may lie hours or days behind the wall clock, so its expiry can already be past here.
            // The block is still in force for the stream, so it is kept for its own duration from now.
            ttl = Math.max(1, d.expiresAtMillis() - d.decidedAtMillis());
        }
        redis.opsForValue().set(key(d.action().name(), d.target()), d.decisionId(), Duration.ofMillis(ttl));
    }

    /** Removes a block lifted before its expiry (by a handler, or by a later decision). */
    public void lifted(String action, Target target) {
        redis.delete(key(action, target));
    }

    /**
     * Makes the mirror equal to the authoritative rows: writes each row and deletes every mirrored
     * block not among them. Meant for start-up, before the consumer writes through the mirror.
     */
    public void reconcile(Collection<BlockRow> rows) {
        reconcile(() -> rows);
    }

    /**
     * Redis is scanned <em>before</em> the rows are read: every instance commits a block to the store before
     * mirroring it, so a key seen by the scan has its row in the read that follows, and a block another
     * instance mirrors meanwhile is not taken for stale and deleted.
     */
    public void reconcile(java.util.function.Supplier<Collection<BlockRow>> readRows) {
        List<String> present = new ArrayList<>();
        ScanOptions scan = ScanOptions.scanOptions().match(RedisKeys.BLOCK_PREFIX + "*").count(1000).build();
        try (Cursor<String> keys = redis.scan(scan)) {
            keys.forEachRemaining(present::add);
        }
        Map<String, BlockRow> wanted = new HashMap<>();
        for (BlockRow r : readRows.get()) {
            wanted.put(RedisKeys.block(r.action(), r.targetKind(), r.targetValue()), r);
        }
        List<String> stale = new ArrayList<>();
        for (String k : present) {
            if (!wanted.containsKey(k)) {
                stale.add(k);
            }
        }
        long now = clock.millis();
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String k : stale) {
                connection.keyCommands().del(bytes(k));
            }
            for (Map.Entry<String, BlockRow> e : wanted.entrySet()) {
                long ttl = e.getValue().expiresAtMillis() - now;
                // A row past its expiry in wall time can still be in force on the stream's event time
                // (simulated or replayed traffic; see blocked): it gets the configured fallback. The service
                // start reads only rows that have not lapsed in wall time.
                long px = ttl > 0 ? ttl : fallbackTtl.toMillis();
                connection.stringCommands().pSetEx(bytes(e.getKey()), px, bytes(e.getValue().decisionId()));
            }
            return null;
        });
    }

    private static String key(String action, Target target) {
        return RedisKeys.block(action, target.kind().name(), target.value());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
