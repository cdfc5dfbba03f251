package io.ringfence.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small CSV dialect of the reference files: '#' comment lines (one may be {@code # version: X}),
 * a header line, comma-separated fields without quoting. Errors name the file and line.
 */
public record CsvTable(String name, String version, List<String> header, List<Row> rows) {

    public record Row(int line, List<String> fields) {
        public String get(int i) {
            return i < fields.size() ? fields.get(i).trim() : "";
        }
    }

    public static CsvTable read(String name, Reader source, String... expectedHeader) throws IOException {
        String version = "unversioned";
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(source)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("#")) {
                    String c = t.substring(1).strip();
                    if (c.startsWith("version:")) {
                        version = c.substring("version:".length()).strip();
                    }
                    continue;
                }
                List<String> fields = Arrays.asList(t.split(",", -1));
                if (header == null) {
                    header = fields.stream().map(String::strip).toList();
                    if (!header.equals(List.of(expectedHeader))) {
                        throw new ReferenceDataException(name + ":" + n + ": header must be "
                                + String.join(",", expectedHeader) + " but is " + String.join(",", header));
                    }
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new ReferenceDataException(name + ":" + n + ": expected " + header.size()
                            + " fields, found " + fields.size());
                }
                rows.add(new Row(n, fields));
            }
        }
        if (header == null) {
            throw new ReferenceDataException(name + ": no header line");
        }
        return new CsvTable(name, version, header, rows);
    }

    ReferenceDataException error(Row row, String message) {
        return new ReferenceDataException(name + ":" + row.line() + ": " + message);
    }
}
