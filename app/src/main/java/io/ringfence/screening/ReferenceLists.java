package io.ringfence.screening;

import io.ringfence.reference.CsvTable;
import io.ringfence.reference.ReferenceData;
import io.ringfence.reference.ReferenceDataException;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hot lists that come from the reference data detection runs on: IRSF test numbers and
 * high-risk ranges, so that a switch refuses what the rules would alert on.
 */
@Component
class ReferenceLists {
    private final ReferenceDataRepository reference;
    private final String referenceDir;

    ReferenceLists(ReferenceDataRepository reference, @Value("${ringfence.reference.dir:}") String referenceDir) {
        this.reference = reference;
        this.referenceDir = referenceDir;
    }

    List<HotListCsv.Entry> irsfTestNumbers() {
        ReferenceData data = reference.current();
        return data.irsfTestNumbers().stream().sorted()
                .map(n -> new HotListCsv.Entry(n, "reference data " + data.version()))
                .toList();
    }

    /**
     * {@code HighRiskRanges} answers look-ups but does not list its ranges, so the same file the
     * repository loaded is read again here; the count is checked against the repository's.
     */
    List<HotListCsv.Entry> highRiskRanges() {
        CsvTable table;
        try (Reader r = rangesFile()) {
            table = CsvTable.read(ReferenceDataLoader.RANGES, r, "prefix", "country", "risk", "category", "note");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ReferenceDataLoader.RANGES, e);
        }
        List<HotListCsv.Entry> out = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String note = row.get(1) + ", " + row.get(3) + ", risk " + row.get(2);
            out.add(new HotListCsv.Entry(row.get(0), note));
        }
        int loaded = reference.current().highRiskRanges().size();
        if (out.size() != loaded) {
            throw new ReferenceDataException(String.format(Locale.ROOT,
                    "%s lists %d ranges but the reference data holds %d", ReferenceDataLoader.RANGES, out.size(), loaded));
        }
        return out;
    }

    private Reader rangesFile() throws IOException {
        if (referenceDir != null && !referenceDir.isBlank()) {
            return Files.newBufferedReader(Path.of(referenceDir).resolve(ReferenceDataLoader.RANGES), StandardCharsets.UTF_8);
        }
        InputStream in = ReferenceLists.class.getClassLoader().getResourceAsStream("reference/" + ReferenceDataLoader.RANGES);
        if (in == null) {
            throw new IOException("reference/" + ReferenceDataLoader.RANGES + " is not on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
