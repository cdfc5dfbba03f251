package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scores per second of the shipped model on one thread, over 1,024 varied vectors (half ordinary,
 * half fraud-like) so that the trees are not walked down one path. Run with
 * {@code mvn -q -pl pmml-models test-compile exec:exec@jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class FraudModelBenchmark {
    private FraudModel model;
    private FeatureVector[] vectors;
    private int next;

    @Setup
    public void setUp() {
        model = FraudModel.shipped();
        SplittableRandom rnd = new SplittableRandom(1);
        vectors = new FeatureVector[1024];
        for (int i = 0; i < vectors.length; i++) {
            double[] base = (i % 2 == 0 ? FraudModelTest.ordinary() : FraudModelTest.irsfLike()).toArray();
            double[] v = new double[FeatureSchema.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = base[j] * (0.5 + rnd.nextDouble());
            }
            vectors[i] = new FeatureVector(v);
        }
    }

    @Benchmark
    public double score() {
        FeatureVector v = vectors[next];
        next = (next + 1) & (vectors.length - 1);
        return model.score(v);
    }
}
