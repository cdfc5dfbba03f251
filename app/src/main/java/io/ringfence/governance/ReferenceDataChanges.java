package io.ringfence.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.reference.ReferenceFiles;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what an analyst sends (some of the lists, or a threat-intelligence feed for one list) into a
 * reference-data change holding all three lists: the ones not sent are the lists in force when it is submitted, so
 * the change approved is exactly the lists checked, whatever goes live in between.
 */
@Component
class ReferenceDataChanges {
    /** The lists a feed can be imported into, by the name the API uses, and the file each is. */
    static final Map<String, String> FEED_LISTS = Map.of("irsf-test-numbers", ReferenceDataLoader.TEST_NUMBERS,
            "simbox-tacs", ReferenceDataLoader.SIMBOX_TACS);
    static final int MAX_FEED_LINES = 100_000;
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^#\\s*version:.*$");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final int MAX_SOURCE = 100;

    /** An import's outcome: the change, and how many of the feed's entries were new. */
    record Imported(AssetChange change, int added, int alreadyListed) {
    }

    private final ChangeService changes;
    private final AssetCompiler compiler;
    private final ReferenceDataRepository reference;
    private final ObjectMapper mapper;

    ReferenceDataChanges(ChangeService changes, AssetCompiler compiler, ReferenceDataRepository reference,
                         ObjectMapper mapper) {
        this.changes = changes;
        this.compiler = compiler;
        this.reference = reference;
        this.mapper = mapper;
    }

    /** Some of the lists, whole, in place of those in force. */
    AssetChange submit(byte[] upload, String summary, String author) {
        ReferenceFiles files = reference.files();
        for (Map.Entry<String, String> f : compiler.readReferenceUpload(upload).entrySet()) {
            files = files.with(f.getKey(), f.getValue());
        }
        return submit(files, summary, author);
    }

    /**
     * A feed (one entry per line; the first comma-separated field is the number or TAC; blank lines, '#' comments and
     * a header line are skipped) added to the list in force, under a new version of that list. Entries already
     * listed are counted, not repeated. A malformed entry refuses the whole feed, naming its lines.
     */
    Imported importFeed(String list, byte[] feed, String version, String source, String summary, String author) {
        String file = FEED_LISTS.get(list);
        if (file == null) {
            throw new ChangeRejected(404, "Not found", "a feed is imported into one of " + FEED_LISTS.keySet());
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new ChangeRejected(400, "Invalid import", "version (the list's new version) must be 1-64 letters, "
                    + "digits or . _ + -", List.of(), Map.of("field", "version"));
        }
        if (source == null || source.isBlank() || source.length() > MAX_SOURCE || source.chars().anyMatch(
                c -> Character.isISOControl(c) || c == ',')) {
            throw new ChangeRejected(400, "Invalid import", "source (where the feed comes from, kept as each entry's "
                    + "note) must be 1-" + MAX_SOURCE + " characters without commas or control characters", List.of(),
                    Map.of("field", "source"));
        }
        Set<String> entries = entries(file, new String(feed, StandardCharsets.UTF_8));
        String live = reference.files().get(file);
        Set<String> listed = new java.util.HashSet<>();
        live.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> listed.add(l.split(",", -1)[0].strip()));
        StringBuilder text = new StringBuilder(VERSION_LINE.matcher(live).find()
                ? VERSION_LINE.matcher(live).replaceFirst("# version: " + version)
                : "# version: " + version + "\n" + live);
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        int added = 0;
        for (String e : entries) {
            if (listed.add(e)) {
                text.append(e).append(file.equals(ReferenceDataLoader.SIMBOX_TACS) ? ",(from a feed)," : ",")
                        .append(source.strip()).append('\n');
                added++;
            }
        }
        if (added == 0) {
            throw new ChangeRejected(422, "Nothing to import", "all " + entries.size() + " entries of the feed are "
                    + "already in " + file + "; nothing was submitted");
        }
        String why = summary != null && !summary.isBlank() ? summary
                : "import of " + added + " entries into " + file + " from " + source.strip();
        AssetChange c = submit(reference.files().with(file, text.toString()), why, author);
        return new Imported(c, added, entries.size() - added);
    }

    private static Set<String> entries(String file, String feed) {
        Set<String> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String line : feed.lines().toList()) {
            n++;
            if (n > MAX_FEED_LINES) {
                throw new ChangeRejected(413, "Feed too large", "a feed holds at most " + MAX_FEED_LINES + " lines");
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String key = t.split(",", -1)[0].strip();
            if (out.isEmpty() && bad.isEmpty() && (key.equals("number") || key.equals("tac"))) {
                continue;
            }
            if (ReferenceDataLoader.wellFormedKey(file, key)) {
                out.add(key);
            } else if (bad.size() < 20) {
                bad.add("feed line " + n + ": '" + io.ringfence.web.Text.printable(key) + "' is not "
                        + (file.equals(ReferenceDataLoader.TEST_NUMBERS) ? "an E.164 number ('+' and 8-15 digits)" : "a TAC (8 digits)"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ChangeRejected(422, "Feed refused", "the feed has malformed entries (the messages name their "
                    + "lines); nothing was submitted", bad, Map.of("reason", "INVALID"));
        }
        if (out.isEmpty()) {
            throw new ChangeRejected(422, "Feed refused", "the feed has no entries");
        }
        return out;
    }

    private AssetChange submit(ReferenceFiles files, String summary, String author) {
        if (files.equals(reference.files())) {
            throw new ChangeRejected(422, "Nothing changed", "the lists sent are the lists in force");
        }
        try {
            byte[] content = mapper.writeValueAsBytes(Map.of("files", files.asMap()));
            return changes.submit(AssetKind.REFERENCE_DATA, AssetKind.REFERENCE_DATA.id(), "DEPLOY", content, null,
                    summary, author);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
