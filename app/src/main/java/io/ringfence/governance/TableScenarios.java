package io.ringfence.governance;

import io.ringfence.decision.DmnScenarios;
import io.ringfence.decision.ScenarioFileException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scenarios every decision model upload must pass: those beside the table the service started with. That is
 * the shipped {@code disposition.scenarios.csv}, or, when {@code ringfence.decision.model} names another table,
 * the {@code .scenarios.csv} file beside it (none if there is none). They are the scenarios of record: they change
 * with the table they sit beside, through review, never through an upload (docs/governance.md).
 */
@Component
class TableScenarios {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TableScenarios.class);
    private final DmnScenarios live;

    @Autowired
    TableScenarios(@Value("${ringfence.decision.model:}") String dmnFile) {
        this(load(dmnFile));
    }

    TableScenarios(DmnScenarios live) {
        this.live = live;
    }

    DmnScenarios live() {
        return live;
    }

    private static DmnScenarios load(String dmnFile) {
        if (dmnFile == null || dmnFile.isBlank()) {
            return DmnScenarios.shipped();
        }
        Path dmn = Path.of(dmnFile);
        String name = dmn.getFileName().toString().replaceFirst("\\.dmn$", "") + ".scenarios.csv";
        Path beside = dmn.resolveSibling(name);
        if (!Files.isRegularFile(beside)) {
            log.warn("no scenario file {} beside the decision model {}: uploads are checked by the probes only", beside, dmn);
            return DmnScenarios.none();
        }
        try {
            return DmnScenarios.parse(Files.readAllBytes(beside));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioFileException e) {
            throw new IllegalStateException(beside + ": " + e.getMessage(), e);
        }
    }
}
