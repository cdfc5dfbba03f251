package io.ringfence.screening;

import io.ringfence.reference.CsvTable;
import io.ringfence.reference.ReferenceData;
import io.ringfence.reference.ReferenceDataException;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.reference.ReferenceFiles;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
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

    ReferenceLists(ReferenceDataRepository reference) {
        this.reference = reference;
    }

    List<HotListCsv.Entry> irsfTestNumbers() {
        ReferenceData data = reference.current();
        return data.irsfTestNumbers().stream().sorted()
                .map(n -> new HotListCsv.Entry(n, "reference data " + data.version()))
                .toList();
    }

    /**
     * {@code HighRiskRanges} answers look-ups but does not list its ranges, so the text of the lists in force is
     * read again here (the same snapshot: a reference-data change swaps both); the count is checked against it.
     */
    List<HotListCsv.Entry> highRiskRanges() {
        CsvTable table;
        ReferenceFiles files = reference.files();
        try {
            table = CsvTable.read(ReferenceDataLoader.RANGES, new StringReader(files.ranges()),
                    "prefix", "country", "risk", "category", "note");
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
}
