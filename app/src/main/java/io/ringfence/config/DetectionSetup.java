package io.ringfence.config;

import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompilationException;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.reference.NumberLookups;
import io.ringfence.reference.ReferenceDataException;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds what every driver of the detection pipeline needs (replay, the demo, later the service) and
 * turns each way it can fail into one {@link SetupException} whose message an operator can act on.
 */
public final class DetectionSetup {
    private static final int MAX_COMPILER_MESSAGES = 5;

    private DetectionSetup() {
    }

    /** @param parametersFile overrides on top of the shipped defaults, or null for the defaults */
    public static RuleSet compileRules(Path parametersFile) {
        RuleParameters parameters;
        if (parametersFile == null) {
            parameters = RuleParameters.defaults();
        } else {
            try {
                parameters = RuleParameters.defaultsWith(parametersFile);
            } catch (IOException e) {
                throw new SetupException("cannot read parameters file " + parametersFile + ": " + IoMessages.reason(e), e);
            } catch (IllegalArgumentException e) {
                throw new SetupException(e.getMessage(), e);
            }
        }
        try {
            return RuleSetCompiler.compile(parameters);
        } catch (RuleSetCompilationException e) {
            List<String> m = e.messages();
            String first = String.join("; ", m.subList(0, Math.min(m.size(), MAX_COMPILER_MESSAGES)));
            throw new SetupException("the rules do not compile" + (parametersFile == null ? "" : " with "
                    + parametersFile) + ": " + first + (m.size() > MAX_COMPILER_MESSAGES ? " (and more)" : ""), e);
        } catch (IllegalArgumentException e) {
            // A parameter that is not a duration where one is needed surfaces here, named by its key.
            throw new SetupException(e.getMessage(), e);
        }
    }

    /**
     * @param referenceDir folder with the reference CSV files, or null for the shipped defaults
     * @param networkFile  network profile JSON, or null for the demo network
     */
    public static ReferenceDataRepository loadReference(Path referenceDir, Path networkFile) {
        return loadReference(referenceDir, networkFile, NumberLookups.NONE);
    }

    public static ReferenceDataRepository loadReference(Path referenceDir, Path networkFile, NumberLookups lookups) {
        if (referenceDir != null && !Files.isDirectory(referenceDir)) {
            throw new SetupException("reference folder " + referenceDir + " does not exist or is not a folder");
        }
        if (networkFile != null && !Files.isReadable(networkFile)) {
            throw new SetupException("cannot read network file " + networkFile + ": "
                    + (Files.exists(networkFile) ? "permission denied" : "no such file"));
        }
        try {
            return new ReferenceDataRepository(new ReferenceDataLoader(referenceDir, networkFile), lookups);
        } catch (ReferenceDataException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }
}
