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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The scenarios every decision model upload must pass: those of record of the table in force. A change that went
 * live stored its own (the live ones as it restated them, and those it added); before any did, and after a
 * rollback to the shipped table, they are those beside the table the service started with: the shipped
 * {@code disposition.scenarios.csv}, or, when {@code ringfence.decision.model} names another table, the
 * {@code .scenarios.csv} file beside it (none if there is none). Either way they change only through review, with
 * the table they hold (docs/governance.md).
 */
@Component
class TableScenarios {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TableScenarios.class);
    private final DmnScenarios startup;
    private final Supplier<Optional<byte[]>> inForce;

    @Autowired
    TableScenarios(@Value("${ringfence.decision.model:}") String dmnFile, ChangeStore store) {
        this(load(dmnFile), () -> store.inForceScenarios(AssetKind.DECISION_MODEL));
    }

    /** Scenarios that no change replaces (tests). */
    TableScenarios(DmnScenarios startup) {
        this(startup, Optional::empty);
    }

    TableScenarios(DmnScenarios startup, Supplier<Optional<byte[]>> inForce) {
        this.startup = startup;
        this.inForce = inForce;
    }

    /** Read at each upload: another instance may have put a change live since. */
    DmnScenarios live() {
        return inForce.get().map(DmnScenarios::parse).orElse(startup);
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
