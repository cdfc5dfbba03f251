package io.ringfence.features;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One subscriber's features at one instant, in {@link FeatureSchema} order. Immutable. */
public final class FeatureVector {
    private final double[] values;

    /** @param values one value per {@link FeatureSchema#NAMES} entry, in that order (copied) */
    public FeatureVector(double[] values) {
        this(values.clone(), true);
    }

    private FeatureVector(double[] values, boolean owned) {
        if (values.length != FeatureSchema.size()) {
            throw new IllegalArgumentException("expected " + FeatureSchema.size() + " feature values, got " + values.length);
        }
        this.values = values;
    }

    /** Takes the array without copying: for the tracker, which builds a fresh one per call. */
    static FeatureVector wrap(double[] values) {
        return new FeatureVector(values, true);
    }

    public String schemaVersion() {
        return FeatureSchema.VERSION;
    }

    public double get(int index) {
        return values[index];
    }

    /** @throws IllegalArgumentException for a name {@link FeatureSchema} does not have */
    public double get(String name) {
        int i = FeatureSchema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature named " + name + " in schema " + FeatureSchema.VERSION);
        }
        return values[i];
    }

    public double[] toArray() {
        return values.clone();
    }

    /** Name to value in schema order, for explanations and logs. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(FeatureSchema.NAMES.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
