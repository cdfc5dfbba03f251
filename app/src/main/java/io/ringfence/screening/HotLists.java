package io.ringfence.screening;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The hot lists in Redis: replace a whole list, add to it, remove a value, list it by pages. Every
 * change is atomic for readers: additions and removals run in one MULTI/EXEC, and a replacement is
 * written to temporary keys that a script RENAMEs over the live ones, so screening sees the old list
 * or the new one, never half of it.
 */
@Component
class HotLists {
    private static final int CHUNK = 1000;
    /** Temporary keys of a replacement that died half-way expire by themselves. */
    private static final Duration TEMP_TTL = Duration.ofHours(1);
    private static final RedisScript<Long> SWAP = RedisScript.of("""
            if ARGV[1] == '0' then
              redis.call('DEL', KEYS[3], KEYS[4])
              return 0
            end
            redis.call('RENAME', KEYS[1], KEYS[3])
            redis.call('PERSIST', KEYS[3])
            redis.call('RENAME', KEYS[2], KEYS[4])
            redis.call('PERSIST', KEYS[4])
            return 1
            """, Long.class);

    record Entry(String value, String note) {}

    /** One page in value order; {@code next} is the {@code after} of the next page, null on the last. */
    record Page(String list, long total, List<Entry> entries, String next) {}

    private final StringRedisTemplate redis;

    HotLists(StringRedisTemplate redis) {
        this.redis = redis;
    }

    void replace(HotList list, List<HotListCsv.Entry> entries) {
        String suffix = ":tmp:" + UUID.randomUUID();
        String tmpHash = RedisKeys.list(list) + suffix;
        String tmpIndex = RedisKeys.listIndex(list) + suffix;
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<HotListCsv.Entry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            redis.executePipelined(new SessionCallback<Object>() {
                @Override
                @SuppressWarnings("unchecked")
                public Object execute(RedisOperations ops) throws DataAccessException {
                    write((RedisOperations<String, String>) ops, tmpHash, tmpIndex, chunk);
                    ops.expire(tmpHash, TEMP_TTL);
                    ops.expire(tmpIndex, TEMP_TTL);
                    return null;
                }
            });
        }
        redis.execute(SWAP, List.of(tmpHash, tmpIndex, RedisKeys.list(list), RedisKeys.listIndex(list)),
                Integer.toString(entries.size()));
    }

    void add(HotList list, List<HotListCsv.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            public List<Object> execute(RedisOperations ops) throws DataAccessException {
                ops.multi();
                write((RedisOperations<String, String>) ops, RedisKeys.list(list), RedisKeys.listIndex(list), entries);
                return ops.exec();
            }
        });
    }

    /** @return whether the value was on the list */
    boolean remove(HotList list, String value) {
        List<Object> results = redis.execute(new SessionCallback<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            public List<Object> execute(RedisOperations ops) throws DataAccessException {
                ops.multi();
                ops.opsForHash().delete(RedisKeys.list(list), value);
                ops.opsForZSet().remove(RedisKeys.listIndex(list), value);
                return ops.exec();
            }
        });
        return results != null && !results.isEmpty() && results.get(0) instanceof Long n && n > 0;
    }

    Page page(HotList list, String after, int size) {
        Range<String> range = after == null || after.isEmpty()
                ? Range.unbounded()
                : Range.rightUnbounded(Range.Bound.exclusive(after));
        Set<String> values = redis.opsForZSet().rangeByLex(RedisKeys.listIndex(list), range, Limit.limit().count(size));
        List<String> ordered = values == null ? List.of() : new ArrayList<>(values);
        List<Object> keys = new ArrayList<>(ordered);
        List<Object> notes = ordered.isEmpty() ? List.of() : redis.opsForHash().multiGet(RedisKeys.list(list), keys);
        List<Entry> entries = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            entries.add(new Entry(ordered.get(i), notes.get(i) == null ? "" : (String) notes.get(i)));
        }
        Long total = redis.opsForZSet().zCard(RedisKeys.listIndex(list));
        String next = ordered.size() == size ? ordered.get(ordered.size() - 1) : null;
        return new Page(list.id(), total == null ? 0 : total, entries, next);
    }

    String note(HotList list, String value) {
        Object note = redis.opsForHash().get(RedisKeys.list(list), value);
        return note == null ? "" : note.toString();
    }

    boolean contains(HotList list, String value) {
        return redis.opsForHash().hasKey(RedisKeys.list(list), value);
    }

    boolean exists(HotList list) {
        return Boolean.TRUE.equals(redis.hasKey(RedisKeys.list(list)));
    }

    private static void write(RedisOperations<String, String> ops, String hashKey, String indexKey,
                              List<HotListCsv.Entry> entries) {
        Map<String, String> notes = new LinkedHashMap<>();
        Set<TypedTuple<String>> index = new HashSet<>();
        for (HotListCsv.Entry e : entries) {
            notes.put(e.value(), e.note());
            // Score 0 for all: members then sort by value, which ZRANGEBYLEX pages through.
            index.add(TypedTuple.of(e.value(), 0.0));
        }
        ops.opsForHash().putAll(hashKey, notes);
        ops.opsForZSet().add(indexKey, index);
    }
}
