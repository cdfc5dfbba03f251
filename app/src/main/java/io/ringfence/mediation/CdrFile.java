package io.ringfence.mediation;

import io.ringfence.config.IoMessages;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A file a mediation platform delivered: JSON Lines of the contract ({@code .jsonl}, {@code .json}) or CSV
 * CDRs ({@code .csv}) read through a column mapping, either of them plain or gzip (recognised by its
 * magic bytes, whatever the name says). Rows are read one at a time: a file of any size is ingested in
 * constant memory.
 */
public final class CdrFile {
    enum Format { JSON_LINES, CSV }

    private final Path path;
    private final Format format;
    private final ColumnMapping mapping;
    private final EventParser parser = new EventParser();

    private CdrFile(Path path, Format format, ColumnMapping mapping) {
        this.path = path;
        this.format = format;
        this.mapping = mapping;
    }

    /**
     * @param mapping the CSV column mapping, or null when none is configured (a CSV file is then refused)
     * @throws FileRejected when the name gives no format Ringfence reads, or a CSV file has no mapping
     */
    public static CdrFile of(Path path, ColumnMapping mapping) throws FileRejected {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
            return new CdrFile(path, Format.JSON_LINES, mapping);
        }
        if (name.endsWith(".csv")) {
            if (mapping == null) {
                throw new FileRejected("a CSV file needs a column mapping (ringfence.ingest.mapping, or --mapping)"
                        + " and none is configured");
            }
            return new CdrFile(path, Format.CSV, mapping);
        }
        throw new FileRejected("unknown format: the name must end in .jsonl, .json, .ndjson or .csv (each optionally .gz)");
    }

    public boolean csv() {
        return format == Format.CSV;
    }

    public Path path() {
        return path;
    }

    /** SHA-256 of the content after gunzip: the same CDRs delivered again, compressed or not, are one file. */
    public String checksum() throws FileRejected {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(open(), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new FileRejected("cannot read the file: " + IoMessages.reason(e), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The file's rows; {@code checksum} names the event ids made for CSV rows without an id column. */
    public Rows rows(String checksum) throws FileRejected {
        try {
            return new Rows(open(), checksum);
        } catch (IOException e) {
            throw new FileRejected("cannot read the file: " + IoMessages.reason(e), e);
        }
    }

    private InputStream open() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        // gzip's magic number, so a compressed file named without .gz (or the reverse) is still read right
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024) : in;
    }

    /** The rows in file order; blank lines and a CSV header are skipped. Not thread-safe. */
    public final class Rows implements AutoCloseable {
        private final InputStream in;
        private final CsvCdrs csv;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private long lineNo;

        private Rows(InputStream in, String checksum) {
            this.in = in;
            this.csv = format == Format.CSV ? new CsvCdrs(mapping, parser, checksum) : null;
        }

        /** The next row, or null at the end of the file. */
        public Row next() throws FileRejected {
            try {
                while (true) {
                    byte[] bytes = readLine();
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length == 0 || isBlank(bytes)) {
                        continue;
                    }
                    if (bytes.length > parser.maxLineBytes()) {
                        return Row.rejected(lineNo, bytes, null, "line is " + bytes.length + " bytes, over the limit of "
                                + parser.maxLineBytes());
                    }
                    if (csv == null) {
                        return jsonLine(bytes);
                    }
                    if (!csv.header(new String(bytes, StandardCharsets.UTF_8))) {
                        return csv.row(lineNo, bytes);
                    }
                }
            } catch (IOException e) {
                throw new FileRejected("cannot read the file at line " + (lineNo + 1) + ": " + IoMessages.reason(e), e);
            }
        }

        private Row jsonLine(byte[] bytes) {
            ParseResult r = parser.parse(bytes);
            if (r instanceof ParseResult.Accepted a) {
                // The line as delivered, not re-serialised: extra fields reach the audit record untouched.
                return Row.event(lineNo, bytes, a.event().getSubscriber().getBytes(StandardCharsets.UTF_8), bytes);
            }
            ParseResult.Rejected rej = (ParseResult.Rejected) r;
            return Row.rejected(lineNo, bytes, rej.field(), rej.reason());
        }

        /**
         * One line without its line break (LF or CRLF). A line over the parser's limit is read to its end but
         * only kept up to one byte over the limit: enough to reject it, not enough to exhaust memory.
         */
        private byte[] readLine() throws IOException {
            line.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    break;
                }
                if (line.size() <= parser.maxLineBytes()) {
                    line.write(b);
                }
            }
            if (!any) {
                return null;
            }
            lineNo++;
            byte[] bytes = line.toByteArray();
            int len = bytes.length;
            if (len > 0 && bytes[len - 1] == '\r') {
                return java.util.Arrays.copyOf(bytes, len - 1);
            }
            return bytes;
        }

        private static boolean isBlank(byte[] bytes) {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
