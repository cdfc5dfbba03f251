package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A feature vector seen as JPMML's argument map without copying it into a HashMap: the evaluator
 * only asks {@link #get} for each input field, which is one index lookup here.
 */
final class FeatureArguments extends AbstractMap<String, Object> {
    private final FeatureVector vector;

    FeatureArguments(FeatureVector vector) {
        this.vector = vector;
    }

    @Override
    public Object get(Object key) {
        int i = key instanceof String name ? FeatureSchema.indexOf(name) : -1;
        return i < 0 ? null : vector.get(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && FeatureSchema.indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return FeatureSchema.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new LinkedHashMap<String, Object>(vector.asMap()).entrySet();
    }
}
