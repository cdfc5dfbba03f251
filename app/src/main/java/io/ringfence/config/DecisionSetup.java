package io.ringfence.config;

import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionModel;
import io.ringfence.decision.DecisionModelException;
import io.ringfence.reference.ReferenceDataException;
import io.ringfence.scoring.FraudModel;
import io.ringfence.scoring.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the decision model, the scoring model and the customer segments a driver decides with: the
 * shipped ones, or files given to try a new version on history before deploying it.
 */
public final class DecisionSetup {
    private DecisionSetup() {
    }

    /**
     * @param dmnFile  a disposition model to use instead of the shipped one, or null
     * @param pmmlFile a scoring model to use instead of the shipped one, or null
     */
    public static DecisionAssets assets(Path dmnFile, Path pmmlFile) {
        DecisionModel dmn;
        FraudModel pmml;
        try {
            dmn = dmnFile == null ? DecisionModel.shipped() : DecisionModel.fromUpload(read(dmnFile, "decision model"), null);
        } catch (DecisionModelException e) {
            throw new SetupException((dmnFile == null ? "the shipped decision model" : dmnFile.toString()) + ": "
                    + e.getMessage(), e);
        }
        try {
            pmml = pmmlFile == null ? FraudModel.shipped() : FraudModel.load(read(pmmlFile, "scoring model"));
        } catch (ModelLoadException e) {
            throw new SetupException((pmmlFile == null ? "the shipped scoring model" : pmmlFile.toString()) + ": "
                    + e.getMessage(), e);
        }
        try {
            return new DecisionAssets(dmn, pmml);
        } catch (DecisionModelException e) {
            throw new SetupException(dmnFile + ": " + e.getMessage(), e);
        }
    }

    /** @param file segments CSV, or null for the shipped demo list */
    public static CustomerSegments segments(Path file) {
        try {
            if (file == null) {
                return CustomerSegments.shipped();
            }
            read(file, "segments file");
            return CustomerSegments.load(file);
        } catch (ReferenceDataException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SetupException("cannot read " + what + " " + file + ": " + IoMessages.reason(e), e);
        }
    }
}
