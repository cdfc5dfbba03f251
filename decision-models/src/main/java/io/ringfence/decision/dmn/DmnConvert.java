package io.ringfence.decision.dmn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code DmnConvert IN.dmn OUT.dmn}: what an upload of IN would give the engine ({@link DmnUpload}), written to OUT
 * (exit 0), or the rejection on standard error (exit 1). Used to regenerate the editor fixtures (see
 * decision-models/editor).
 */
public final class DmnConvert {
    private DmnConvert() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DmnConvert IN.dmn OUT.dmn");
            System.exit(2);
        }
        DmnUpload.Result result = new DmnUpload().prepare(Files.readAllBytes(Path.of(args[0])));
        if (result instanceof DmnUpload.Accepted accepted) {
            Files.write(Path.of(args[1]), accepted.dmn());
            System.err.println(args[0] + ": " + accepted.uploadedVersion() + " accepted" + (accepted.converted()
                    ? ", converted to " + accepted.engineVersion() : "") + "; " + String.join("; ", accepted.notes()));
        } else {
            System.err.println(args[0] + ": rejected");
            ((DmnUpload.Rejected) result).messages().forEach(m -> System.err.println("  " + m));
            System.exit(1);
        }
    }
}
