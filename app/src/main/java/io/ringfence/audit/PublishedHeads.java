package io.ringfence.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks the audit chains in the database against the heads {@link HeadPublisher} signed outside it.
 * A chain rewritten consistently (rows, hashes and stored head together) verifies on its own, but no
 * longer ends in a published head's hash: the break is named between the last published head that
 * still matches and the first that does not.
 */
public final class PublishedHeads {
    private static final Comparator<ChainVerifier.Break> ORDER =
            Comparator.comparing(ChainVerifier.Break::day).thenComparingLong(ChainVerifier.Break::seq);

    /**
     * @param days     each day's chain as recomputed, with the seq of its last published head (0: none)
     * @param dropped  days with published heads but no longer in the database, older than its oldest day
     *                 (dropped by retention)
     * @param breaks   every break found, chains' and published heads', in day and seq order
     */
    public record Report(List<Day> days, int headsChecked, int files, List<LocalDate> dropped,
                         List<ChainVerifier.Break> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }

        public ChainVerifier.Break firstBreak() {
            return breaks.isEmpty() ? null : breaks.get(0);
        }
    }

    public record Day(ChainVerifier.DayResult chain, long lastPublishedSeq) {
    }

    private final ChainVerifier verifier = new ChainVerifier();

    /**
     * @param keys    the public keys the heads may be signed with, by key id (a rotated key stays listed)
     * @param onlyDay one day, or null for every day in the database or the folder
     */
    public Report verify(Connection c, Path dir, Map<String, PublicKey> keys, LocalDate onlyDay) throws SQLException {
        List<ChainVerifier.Break> breaks = new ArrayList<>();
        Map<LocalDate, TreeMap<Long, SignedHead>> heads = new TreeMap<>();
        int[] counts = new int[2];
        read(dir, keys, onlyDay, heads, breaks, counts);

        List<LocalDate> inDatabase = verifier.days(c);
        LocalDate oldest = inDatabase.isEmpty() ? null : inDatabase.get(0);
        TreeSet<LocalDate> days = new TreeSet<>(inDatabase);
        days.addAll(heads.keySet());
        if (onlyDay != null) {
            days.retainAll(List.of(onlyDay));
        }
        List<Day> checked = new ArrayList<>();
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : days) {
            TreeMap<Long, SignedHead> published = heads.getOrDefault(day, new TreeMap<>());
            if (!inDatabase.contains(day)) {
                if (oldest != null && day.isBefore(oldest)) {
                    dropped.add(day);
                } else {
                    SignedHead last = published.lastEntry().getValue();
                    breaks.add(new ChainVerifier.Break(day, 1, "the day's chain is gone from the database, but a head "
                            + "up to seq " + last.lastSeq() + " was published at " + last.signedAt()));
                }
                continue;
            }
            ChainVerifier.DayResult chain = verifier.verify(c, day, published.keySet());
            if (chain.firstBreak() != null) {
                breaks.add(chain.firstBreak());
            }
            long lastGood = 0;
            for (SignedHead h : published.values()) {
                String hash = chain.hashesAt().get(h.lastSeq());
                if (hash == null) {
                    if (chain.firstBreak() == null) {
                        breaks.add(new ChainVerifier.Break(day, chain.entries() + 1, "missing: the chain ends at seq "
                                + chain.entries() + " but a head published at " + h.signedAt() + " covers seq "
                                + h.lastSeq() + " (rows deleted at the end and the stored head rewritten to match)"));
                    }
                    break;
                }
                if (!hash.equals(h.headHash())) {
                    breaks.add(new ChainVerifier.Break(day, lastGood + 1, "rewritten: seq " + (lastGood + 1) + " to "
                            + h.lastSeq() + " no longer hash to the head published at " + h.signedAt()
                            + (lastGood == 0 ? "" : " (seq " + lastGood + " still matches its published head)")
                            + "; the rows and the stored head were rewritten together"));
                    break;
                }
                lastGood = h.lastSeq();
            }
            checked.add(new Day(chain, lastGood));
        }
        breaks.sort(ORDER);
        return new Report(checked, counts[0], counts[1], dropped, breaks);
    }

    private static void read(Path dir, Map<String, PublicKey> keys, LocalDate onlyDay,
                             Map<LocalDate, TreeMap<Long, SignedHead>> heads, List<ChainVerifier.Break> breaks,
                             int[] counts) {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(HeadPublisher::isHeadsFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published heads in " + dir, e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            LocalDate fileDay;
            try {
                fileDay = LocalDate.parse(name.substring(HeadPublisher.FILE_PREFIX.length(),
                        name.length() - HeadPublisher.FILE_SUFFIX.length()));
            } catch (DateTimeParseException e) {
                continue;
            }
            if (onlyDay != null && !onlyDay.equals(fileDay)) {
                continue;
            }
            counts[1]++;
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String where = "published head " + name + " line " + (i + 1) + ": ";
                SignedHead h;
                try {
                    h = SignedHead.parse(lines.get(i));
                } catch (IllegalArgumentException e) {
                    breaks.add(new ChainVerifier.Break(fileDay, 0, where + "unreadable (" + e.getMessage() + ")"));
                    continue;
                }
                counts[0]++;
                PublicKey key = keys.get(h.keyId());
                if (key == null) {
                    breaks.add(new ChainVerifier.Break(fileDay, h.lastSeq(), where + "signed with key " + h.keyId()
                            + ", which is not among the public keys given " + keys.keySet()));
                } else if (!h.verifies(key)) {
                    breaks.add(new ChainVerifier.Break(fileDay, h.lastSeq(), where
                            + "the signature does not verify (the line was altered after it was signed)"));
                } else if (!h.day().equals(fileDay)) {
                    breaks.add(new ChainVerifier.Break(fileDay, h.lastSeq(), where + "a head of " + h.day()
                            + " in the file of another day"));
                } else {
                    SignedHead same = heads.computeIfAbsent(h.day(), d -> new TreeMap<>()).putIfAbsent(h.lastSeq(), h);
                    if (same != null && !same.headHash().equals(h.headHash())) {
                        breaks.add(new ChainVerifier.Break(h.day(), h.lastSeq(), where + "two signed heads of seq "
                                + h.lastSeq() + " disagree (" + same.signedAt() + " and " + h.signedAt() + ")"));
                    }
                }
            }
        }
    }
}
