package io.ringfence.training;

import io.ringfence.detection.RuleParameters;
import io.ringfence.enrich.Enricher;
import io.ringfence.enrich.SubscriberProfiles;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureTracker;
import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Labelled feature rows from one simulated period: at the end of every hour, one row per line that
 * had traffic in that hour, its features as the tracker has them then, labelled by {@link FraudLabels}.
 *
 * <p>Events go through the production enrich stage ({@link Enricher} with the shipped parameters and
 * reference data) but not the CEP session: the features only read the enrichment, so the rows are
 * the same and a simulated day takes seconds instead of a minute.
 */
public final class Dataset {
    private static final long HOUR = 3_600_000L;

    private final float[] rows;
    private final float[] labels;
    private final String[] groups;
    /** Per row, how much it counts in training; null when every row counts once. */
    private final float[] weights;
    private final int size;
    private final long events;

    private Dataset(float[] rows, float[] labels, String[] groups, float[] weights, int size, long events) {
        this.rows = rows;
        this.labels = labels;
        this.groups = groups;
        this.weights = weights;
        this.size = size;
        this.events = events;
    }

    /** Verdict rows' group: the typology of a confirmed case, this prefix and the typology for a false positive. */
    static final String VERDICT_PREFIX = "verdict ";
    static final String FALSE_POSITIVE_PREFIX = "verdict false positive ";

    /**
     * These rows and the handlers' verdicts, each verdict row counting {@code weight} times: a few dozen verdicts
     * among tens of thousands of simulated rows would otherwise change nothing.
     */
    Dataset plus(List<VerdictRows.Row> verdicts, float weight) {
        int width = FeatureSchema.size();
        int n = size + verdicts.size();
        float[] r = Arrays.copyOf(rows, n * width);
        float[] l = Arrays.copyOf(labels, n);
        String[] g = Arrays.copyOf(groups, n);
        float[] w = new float[n];
        Arrays.fill(w, 0, size, 1f);
        if (weights != null) {
            System.arraycopy(weights, 0, w, 0, size);
        }
        for (int i = 0; i < verdicts.size(); i++) {
            VerdictRows.Row v = verdicts.get(i);
            int at = size + i;
            for (int j = 0; j < width; j++) {
                r[at * width + j] = (float) v.features()[j];
            }
            l[at] = v.fraud() ? 1f : 0f;
            g[at] = (v.fraud() ? VERDICT_PREFIX : FALSE_POSITIVE_PREFIX) + v.typology();
            w[at] = weight;
        }
        return new Dataset(r, l, g, w, n, events);
    }

    /** Per row, how much it counts in training; null when every row counts once. */
    public float[] weights() {
        return weights;
    }

    public static Dataset simulate(SimulationConfig config) {
        TrafficSimulator simulator = new TrafficSimulator(config);
        FraudLabels truth = new FraudLabels(simulator.labels());
        RuleParameters p = RuleParameters.defaults();
        Enricher enricher = new Enricher(new ReferenceDataRepository(ReferenceDataLoader.defaults()),
                new SubscriberProfiles(p.millis("profile.retention")), p.millis("cli.ownerHomeWindow"),
                p.millis("cloning.alternationWindow"), p.millis("simswap.window"));
        FeatureTracker tracker = new FeatureTracker();
        Builder out = new Builder();
        Set<String> activeThisHour = new LinkedHashSet<>();
        long hour = Long.MIN_VALUE;
        long events = 0;
        for (TelecomEvent event : simulator) {
            long h = Math.floorDiv(event.getTimestampMillis(), HOUR);
            if (h != hour) {
                if (hour != Long.MIN_VALUE) {
                    snapshot(tracker, truth, activeThisHour, (hour + 1) * HOUR, out);
                }
                activeThisHour.clear();
                hour = h;
            }
            enricher.enrich(event);
            tracker.observe(event);
            if (event.getSubscriber() != null) {
                activeThisHour.add(event.getSubscriber());
            }
            events++;
        }
        if (hour != Long.MIN_VALUE) {
            snapshot(tracker, truth, activeThisHour, (hour + 1) * HOUR, out);
        }
        return new Dataset(Arrays.copyOf(out.rows, out.size * FeatureSchema.size()), Arrays.copyOf(out.labels, out.size),
                Arrays.copyOf(out.groups, out.size), null, out.size, events);
    }

    private static void snapshot(FeatureTracker tracker, FraudLabels truth, Set<String> lines, long at, Builder out) {
        for (String line : lines) {
            FraudLabels.Verdict v = truth.at(line, at);
            if (v != FraudLabels.Verdict.EXCLUDED) {
                out.add(tracker.vector(line, at).toArray(), v == FraudLabels.Verdict.POSITIVE, truth.groupAt(line, at));
            }
        }
    }

    /** Rows in schema order, row-major, as XGBoost's dense matrix wants them. */
    public float[] rows() {
        return rows;
    }

    public float[] labels() {
        return labels;
    }

    public int size() {
        return size;
    }

    public long events() {
        return events;
    }

    public int positives() {
        int n = 0;
        for (float l : labels) {
            n += l > 0.5f ? 1 : 0;
        }
        return n;
    }

    /** The row's fraud typology, {@code "look-alike KIND"} for a look-alike's row, null for an ordinary line. */
    public String group(int i) {
        return groups[i];
    }

    public double[] row(int i) {
        double[] r = new double[FeatureSchema.size()];
        for (int j = 0; j < r.length; j++) {
            r[j] = rows[i * r.length + j];
        }
        return r;
    }

    private static final class Builder {
        float[] rows = new float[1 << 16];
        float[] labels = new float[1 << 12];
        String[] groups = new String[1 << 12];
        int size;

        void add(double[] v, boolean positive, String group) {
            int width = v.length;
            if ((size + 1) * width > rows.length) {
                rows = Arrays.copyOf(rows, rows.length * 2);
            }
            if (size == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
                groups = Arrays.copyOf(groups, groups.length * 2);
            }
            groups[size] = group;
            for (int j = 0; j < width; j++) {
                rows[size * width + j] = (float) v[j];
            }
            labels[size++] = positive ? 1f : 0f;
        }
    }
}
