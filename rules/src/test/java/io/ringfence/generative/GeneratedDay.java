package io.ringfence.generative;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated day as Ringfence receives it: JSON Lines in arrival order, replayable as they are.
 *
 * @param immediateCopies indexes of lines that repeat the line just before them (a redelivery the
 *                        pipeline must recognise)
 */
record GeneratedDay(long seed, List<String> lines, List<Integer> immediateCopies) {

    GeneratedDay withLines(List<String> fewer) {
        return new GeneratedDay(seed, fewer, List.of());
    }

    /** Writes the lines for {@code java -jar app/target/ringfence.jar replay --events FILE ...}. */
    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        return file;
    }
}
