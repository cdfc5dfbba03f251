package io.ringfence.screening;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hot lists in a real Redis: replace, add, remove, pages. */
class HotListsTest {
    private static RedisFixture fixture;
    private static HotLists lists;

    @BeforeAll
    static void startRedis() {
        fixture = new RedisFixture();
        lists = new HotLists(fixture.redis);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void empty() {
        fixture.flush();
    }

    private static List<HotListCsv.Entry> numbers(int from, int count) {
        List<HotListCsv.Entry> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(new HotListCsv.Entry(String.format("+44770090%04d", i), "n" + i));
        }
        return out;
    }

    @Test
    void replaceSwapsTheWholeListAndLeavesNoTemporaryKeys() {
        lists.add(HotList.DENY, numbers(0, 3));
        lists.replace(HotList.DENY, numbers(100, 2500));

        HotLists.Page first = lists.page(HotList.DENY, null, 10);
        assertThat(first.total()).isEqualTo(2500);
        assertThat(first.entries().get(0)).isEqualTo(new HotLists.Entry("+447700900100", "n100"));
        assertThat(fixture.redis.opsForHash().hasKey(RedisKeys.list(HotList.DENY), "+447700900000")).isFalse();
        assertThat(fixture.redis.keys("rf:list:deny*")).containsExactlyInAnyOrder(
                RedisKeys.list(HotList.DENY), RedisKeys.listIndex(HotList.DENY));
        assertThat(fixture.redis.getExpire(RedisKeys.list(HotList.DENY))).as("no TTL left from the temp key").isEqualTo(-1L);
    }

    @Test
    void replaceWithNothingEmptiesTheList() {
        lists.add(HotList.DENY, numbers(0, 3));
        lists.replace(HotList.DENY, List.of());

        assertThat(lists.page(HotList.DENY, null, 10).total()).isZero();
        assertThat(lists.exists(HotList.DENY)).isFalse();
    }

    @Test
    void pagesFollowValueOrderWithoutGapsOrRepeats() {
        lists.add(HotList.ALLOW_MSISDN, numbers(0, 25));

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            HotLists.Page page = lists.page(HotList.ALLOW_MSISDN, after, 10);
            page.entries().forEach(e -> seen.add(e.value()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void removeTakesOneValueOffAndSaysWhetherItWasThere() {
        lists.add(HotList.DENY, numbers(0, 2));

        assertThat(lists.remove(HotList.DENY, "+447700900000")).isTrue();
        assertThat(lists.remove(HotList.DENY, "+447700900000")).isFalse();
        assertThat(lists.page(HotList.DENY, null, 10).entries()).extracting(HotLists.Entry::value)
                .containsExactly("+447700900001");
    }
}
