package io.ringfence.reference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The longest listed prefix wins, whatever else the input holds. */
class HighRiskRangesTest {
    private static HighRiskRanges.Range range(String prefix) {
        return new HighRiskRanges.Range(prefix, "country " + prefix, 0.5, "IRSF", "");
    }

    @Test
    void theLongestListedPrefixOfTheDigitsMatches() {
        HighRiskRanges ranges = new HighRiskRanges(List.of(range("371"), range("37181"), range("8821")));

        assertThat(ranges.match("+37181234567").prefix()).isEqualTo("37181");
        assertThat(ranges.match("37181234567").prefix()).as("without the plus").isEqualTo("37181");
        assertThat(ranges.match("+3718").prefix()).as("shorter than the longer prefix").isEqualTo("371");
        assertThat(ranges.match("+371")).extracting(HighRiskRanges.Range::prefix).isEqualTo("371");
        assertThat(ranges.match("+37")).isNull();
        assertThat(ranges.match("+3719x81")).as("stops at a character that is not a digit").extracting(
                HighRiskRanges.Range::prefix).isEqualTo("371");
        assertThat(ranges.match("++37181")).isNull();
        assertThat(ranges.match("")).isNull();
        assertThat(ranges.match(null)).isNull();
        assertThat(ranges.size()).isEqualTo(3);
    }

    /** Against the definition itself: every prefix of the digits looked up, the longest listed kept. */
    @Test
    void agreesWithLookingUpEveryPrefixOnRandomNumbers() {
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, HighRiskRanges.Range> listed = new HashMap<>();
        while (listed.size() < 300) {
            String p = digits(rnd, 1 + rnd.nextInt(6));
            listed.put(p, range(p));
        }
        HighRiskRanges ranges = new HighRiskRanges(new ArrayList<>(listed.values()));
        for (int i = 0; i < 100_000; i++) {
            String number = (rnd.nextBoolean() ? "+" : "") + digits(rnd, rnd.nextInt(16));
            String digitsOnly = number.startsWith("+") ? number.substring(1) : number;
            HighRiskRanges.Range expected = null;
            for (int len = digitsOnly.length(); len > 0 && expected == null; len--) {
                expected = listed.get(digitsOnly.substring(0, len));
            }
            assertThat(ranges.match(number)).as(number).isEqualTo(expected);
        }
    }

    @Test
    void aPrefixListedTwiceOrNotDigitsIsRefused() {
        assertThatThrownBy(() -> new HighRiskRanges(List.of(range("882"), range("882"))))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new HighRiskRanges(List.of(range("88a"))))
                .isInstanceOf(ReferenceDataException.class).hasMessageContaining("digits");
    }

    private static String digits(SplittableRandom rnd, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + rnd.nextInt(10)));
        }
        return s.toString();
    }
}
