package io.ringfence.training;

import io.ringfence.features.FeatureVector;
import io.ringfence.scoring.FraudModel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole training run: simulate the training and held-out periods, train, convert to PMML, load
 * the PMML the way production does and measure it. The metrics are those of the PMML, not of the
 * booster, so the card describes the file that ships.
 */
public final class Training {
    private Training() {
    }

    /** What a run produced: the PMML and everything the model card reports. */
    public record Result(TrainingConfig config, byte[] pmml, FraudModel model, Dataset train, Dataset heldOut,
                         double trainAuc, Metrics.AtThreshold trainAtThreshold, double heldOutAuc,
                         Metrics.AtThreshold heldOutAtThreshold, double[] heldOutNegativePercentiles,
                         double[] heldOutPositivePercentiles, Map<String, int[]> heldOutByGroup, Verdicts verdicts,
                         long millis) {
    }

    /**
     * The handlers' verdicts a run learnt from, and what the new model scores on them.
     *
     * @param rows   the verdict rows (none for a run on simulated days alone)
     * @param weight how many simulated rows each verdict row counts as
     * @param scores the new model's score of each row
     */
    public record Verdicts(List<VerdictRows.Row> rows, float weight, double[] scores) {
        static final Verdicts NONE = new Verdicts(List.of(), 0f, new double[0]);

        public boolean any() {
            return !rows.isEmpty();
        }
    }

    static final double[] PERCENTILES = {50, 90, 99};

    private static final Comparator<VerdictRows.Row> BY_CONTENT = Comparator
            .comparingLong(VerdictRows.Row::atMillis)
            .thenComparing(VerdictRows.Row::features, Arrays::compare)
            .thenComparing(VerdictRows.Row::fraud)
            .thenComparing(VerdictRows.Row::typology);

    /** Only the PMML: what the reproducibility tests compare. */
    public static byte[] pmml(TrainingConfig config) {
        return ModelTrainer.train(Dataset.simulate(config.trainingSimulation()), config);
    }

    public static Result run(TrainingConfig config) {
        return run(config, List.of(), 0f);
    }

    /**
     * A run on the configured simulated days and the handlers' verdicts, each verdict row counting {@code weight}
     * simulated rows. The held-out metrics stay those of the held-out simulated day: the verdicts are too few to
     * hold any out, and the backtest of the submitted model on stored history is where they are judged.
     */
    public static Result run(TrainingConfig config, List<VerdictRows.Row> verdicts, float weight) {
        long start = System.nanoTime();
        Dataset simulated = Dataset.simulate(config.trainingSimulation());
        Dataset train = simulated;
        if (!verdicts.isEmpty()) {
            // The service lists verdicts in closing order, ties by case id: sorted by content, the same verdicts give
            // the same model (XGBoost's row subsample follows the row order).
            verdicts = verdicts.stream().sorted(BY_CONTENT).toList();
            train = train.plus(verdicts, weight);
        }
        byte[] pmml = ModelTrainer.train(train, config);
        FraudModel model = FraudModel.load(pmml);
        // The threshold and the training AUC are the training seed's, as the card says: the verdict rows are few,
        // weighted, and judged by the backtest.
        double[] trainScores = scores(model, simulated);
        Metrics.AtThreshold operating = Metrics.maxF1(trainScores, simulated.labels());
        Dataset heldOut = Dataset.simulate(config.heldOutSimulation());
        double[] heldOutScores = scores(model, heldOut);
        return new Result(config, pmml, model, train, heldOut,
                Metrics.auc(trainScores, simulated.labels()), operating,
                Metrics.auc(heldOutScores, heldOut.labels()),
                Metrics.at(heldOutScores, heldOut.labels(), operating.threshold()),
                Metrics.percentiles(heldOutScores, heldOut.labels(), false, PERCENTILES),
                Metrics.percentiles(heldOutScores, heldOut.labels(), true, PERCENTILES),
                byGroup(heldOut, heldOutScores, operating.threshold()),
                verdicts.isEmpty() ? Verdicts.NONE : new Verdicts(List.copyOf(verdicts), weight, scores(model, verdicts)),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Per fraud typology and look-alike kind: rows, and rows at or above the threshold. */
    static Map<String, int[]> byGroup(Dataset data, double[] scores, double threshold) {
        Map<String, int[]> out = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            String g = data.group(i);
            if (g != null) {
                int[] c = out.computeIfAbsent(g, k -> new int[2]);
                c[0]++;
                c[1] += scores[i] >= threshold ? 1 : 0;
            }
        }
        return out;
    }

    /** The model's score of each verdict row. */
    public static double[] scores(FraudModel model, List<VerdictRows.Row> rows) {
        double[] s = new double[rows.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = model.score(new FeatureVector(rows.get(i).features()));
        }
        return s;
    }

    static double[] scores(FraudModel model, Dataset data) {
        double[] s = new double[data.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = model.score(new FeatureVector(data.row(i)));
        }
        return s;
    }
}
