package io.ringfence.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code mvn -q -pl pmml-models exec:java@train}: retrains the shipped model with
 * {@link TrainingConfig#SHIPPED} and rewrites the PMML and its model card in the given folder.
 */
public final class TrainCommand {
    public static final String PMML_FILE = "fraud-score.pmml";
    public static final String CARD_FILE = "fraud-score.card.md";
    public static final String CARD_JSON_FILE = "fraud-score.card.json";

    private TrainCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrainCommand OUTPUT_FOLDER");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        TrainingConfig config = TrainingConfig.SHIPPED;
        System.out.println("training " + ModelTrainer.MODEL_NAME + " " + config.modelVersion() + " on simulator seed "
                + config.seed() + " (" + config.subscribers() + " subscribers, " + config.hours() + " h)...");
        Training.Result r = Training.run(config);
        Files.write(out.resolve(PMML_FILE), r.pmml());
        ModelCard card = new ModelCard(r, java.time.Instant.now());
        Files.writeString(out.resolve(CARD_FILE), card.markdown());
        Files.writeString(out.resolve(CARD_JSON_FILE), card.json());
        System.out.printf(Locale.ROOT, "wrote %s (sha256 %s) and its card in %d s: held-out AUC %.4f, precision %.3f,"
                        + " recall %.3f at threshold %.2f%n", PMML_FILE, r.model().sha256(), r.millis() / 1000,
                r.heldOutAuc(), r.heldOutAtThreshold().precision(), r.heldOutAtThreshold().recall(),
                r.trainAtThreshold().threshold());
    }
}
