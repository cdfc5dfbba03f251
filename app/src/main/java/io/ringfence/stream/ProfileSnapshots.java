package io.ringfence.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Per-subscriber profile features shared between instances through Redis: each partition's rolling
 * features (and handsets), saved after a committed batch at most every {@code ringfence.profiles.snapshot-every}
 * and when the partition is revoked, and read by whichever instance takes the partition over. Without
 * them the new owner rebuilds features from the hours of history its warm-up replays, and 24-hour
 * features start short.
 *
 * <p>A snapshot carries the partition offset it matches; one ahead of what the database has committed
 * (a database reset under an old Redis) is ignored. Redis trouble never stops the stream: the warm-up
 * from history is the fallback.
 */
@Component
class ProfileSnapshots {
    private static final Logger log = LoggerFactory.getLogger(ProfileSnapshots.class);

    private final RedisConnectionFactory redis;
    private final Duration ttl;
    final Duration every;

    ProfileSnapshots(RedisConnectionFactory redis, @Value("${ringfence.profiles.ttl:PT48H}") Duration ttl,
                     @Value("${ringfence.profiles.snapshot-every:PT1M}") Duration every) {
        this.redis = redis;
        this.ttl = ttl;
        this.every = every;
    }

    void save(String topic, int partition, long nextOffset, byte[] snapshot) {
        byte[] value = ByteBuffer.allocate(8 + snapshot.length).putLong(nextOffset).put(snapshot).array();
        try (RedisConnection c = redis.getConnection()) {
            c.stringCommands().set(key(topic, partition), value, Expiration.from(ttl), RedisStringCommands.SetOption.upsert());
        } catch (RuntimeException e) {
            log.warn("profile snapshot of partition {} not saved: {}", partition, e.getMessage());
        }
    }

    /** The snapshot saved for the partition, if it is not ahead of {@code committedNextOffset}; else null. */
    byte[] load(String topic, int partition, long committedNextOffset) {
        byte[] value;
        try (RedisConnection c = redis.getConnection()) {
            value = c.stringCommands().get(key(topic, partition));
        } catch (RuntimeException e) {
            log.warn("profile snapshot of partition {} not read: {}", partition, e.getMessage());
            return null;
        }
        if (value == null || value.length < 8) {
            return null;
        }
        long at = ByteBuffer.wrap(value, 0, 8).getLong();
        if (at > committedNextOffset) {
            log.warn("ignoring the profile snapshot of partition {}: it is at offset {}, the store at {}", partition, at,
                    committedNextOffset);
            return null;
        }
        return Arrays.copyOfRange(value, 8, value.length);
    }

    private static byte[] key(String topic, int partition) {
        return ("rf:profiles:" + topic + ":" + partition).getBytes(StandardCharsets.UTF_8);
    }
}
