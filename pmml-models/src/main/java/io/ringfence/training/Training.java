package io.ringfence.training;

import io.ringfence.features.FeatureVector;
import io.ringfence.scoring.FraudModel;

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
                         double[] heldOutPositivePercentiles, Map<String, int[]> heldOutByGroup, long millis) {
    }

    static final double[] PERCENTILES = {50, 90, 99};

    /** Only the PMML: what the reproducibility tests compare. */
    public static byte[] pmml(TrainingConfig config) {
        return ModelTrainer.train(Dataset.simulate(config.trainingSimulation()), config);
    }

    public static Result run(TrainingConfig config) {
        long start = System.nanoTime();
        Dataset train = Dataset.simulate(config.trainingSimulation());
        byte[] pmml = ModelTrainer.train(train, config);
        FraudModel model = FraudModel.load(pmml);
        double[] trainScores = scores(model, train);
        Metrics.AtThreshold operating = Metrics.maxF1(trainScores, train.labels());
        Dataset heldOut = Dataset.simulate(config.heldOutSimulation());
        double[] heldOutScores = scores(model, heldOut);
        return new Result(config, pmml, model, train, heldOut,
                Metrics.auc(trainScores, train.labels()), operating,
                Metrics.auc(heldOutScores, heldOut.labels()),
                Metrics.at(heldOutScores, heldOut.labels(), operating.threshold()),
                Metrics.percentiles(heldOutScores, heldOut.labels(), false, PERCENTILES),
                Metrics.percentiles(heldOutScores, heldOut.labels(), true, PERCENTILES),
                byGroup(heldOut, heldOutScores, operating.threshold()), (System.nanoTime() - start) / 1_000_000);
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

    static double[] scores(FraudModel model, Dataset data) {
        double[] s = new double[data.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = model.score(new FeatureVector(data.row(i)));
        }
        return s;
    }
}
