package io.ringfence.training;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Ranking and threshold metrics of scores against 0/1 labels. */
public final class Metrics {
    private Metrics() {
    }

    /** Area under the ROC curve by the Mann-Whitney rank sum (ties share their average rank). */
    static double auc(double[] scores, float[] labels) {
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(scores);
        double positives = 0;
        double rankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] > 0.5f) {
                positives++;
                rankSum += ranks[i];
            }
        }
        double negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /** Precision, recall and F1 when every score at or above {@code threshold} is called fraud. */
    public record AtThreshold(double threshold, double precision, double recall, double f1, int flagged) {
    }

    static AtThreshold at(double[] scores, float[] labels, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            boolean fraud = labels[i] > 0.5f;
            if (flagged && fraud) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (fraud) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new AtThreshold(threshold, precision, recall, f1, tp + fp);
    }

    /** The threshold, on a 0.01 grid from 0.05 to 0.95, with the best F1 (the lowest of equals). */
    static AtThreshold maxF1(double[] scores, float[] labels) {
        AtThreshold best = null;
        for (int step = 5; step <= 95; step++) {
            AtThreshold m = at(scores, labels, step / 100.0);
            if (best == null || m.f1() > best.f1() + 1e-12) {
                best = m;
            }
        }
        return best;
    }

    /** The score percentiles of the rows with the given label, for the model card. */
    static double[] percentiles(double[] scores, float[] labels, boolean positive, double... ps) {
        int n = 0;
        for (float l : labels) {
            n += (l > 0.5f) == positive ? 1 : 0;
        }
        double[] sel = new double[n];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((labels[i] > 0.5f) == positive) {
                sel[k++] = scores[i];
            }
        }
        Percentile p = new Percentile();
        p.setData(sel);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = n == 0 ? Double.NaN : p.evaluate(ps[i]);
        }
        return out;
    }
}
