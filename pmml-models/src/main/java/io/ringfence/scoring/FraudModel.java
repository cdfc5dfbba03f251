package io.ringfence.scoring;

import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureTracker;
import io.ringfence.features.FeatureVector;
import io.ringfence.upload.SafeXml;
import org.dmg.pmml.Header;
import org.dmg.pmml.PMML;
import org.jpmml.evaluator.ModelEvaluator;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.HasProbability;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.jpmml.evaluator.OutputField;
import org.jpmml.evaluator.OutputFilters;
import org.jpmml.evaluator.TargetField;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fraud-score model: a PMML document loaded into JPMML-Evaluator, checked against
 * {@link FeatureSchema}, scoring feature vectors to a probability of fraud. Immutable and thread-safe
 * (JPMML evaluators are, once built); hot deploy swaps one instance for another.
 */
public final class FraudModel {
    /** The model shipped with this module, written by the training command. */
    public static final String SHIPPED_RESOURCE = "io/ringfence/scoring/fraud-score.pmml";
    private static final String POSITIVE = "1";

    private final ModelEvaluator<?> evaluator;
    private final String name;
    private final String version;
    private final String sha256;
    private final String probabilityField;
    private final String targetField;

    private FraudModel(ModelEvaluator<?> evaluator, String name, String version, String sha256, String probabilityField,
                       String targetField) {
        this.evaluator = evaluator;
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
        this.probabilityField = probabilityField;
        this.targetField = targetField;
    }

    /**
     * Checks, parses, builds and verifies the model. Before JPMML sees the bytes, {@link SafeXml} applies
     * {@link PmmlSafety}: at most 20 MiB, no DOCTYPE (so external entities and entity expansion bombs never
     * load), bounded depth and element count, no Java class names as functions.
     *
     * @throws ModelLoadException with the reason ({@link ModelLoadException#reason()}: too large, not allowed,
     *                            invalid) and, for an invalid model, the engine's message
     */
    public static FraudModel load(byte[] pmml) {
        SafeXml.check(pmml, PmmlSafety.LIMITS, PmmlSafety.INSPECTOR).ifPresent(refusal -> {
            throw new ModelLoadException(refusal.reason(), "PMML rejected: " + refusal.message());
        });
        String sha = sha256Hex(pmml);
        ModelEvaluator<?> evaluator;
        try {
            evaluator = (ModelEvaluator<?>) new LoadingModelEvaluatorBuilder()
                    .setLocatable(false)
                    // Intermediate outputs (the trees' raw sum) are computed for the chain but not copied out.
                    .setOutputFilter(OutputFilters.KEEP_FINAL_RESULTS)
                    .load(new ByteArrayInputStream(pmml))
                    .build();
            evaluator.verify();
        } catch (Exception | StackOverflowError e) {
            throw new ModelLoadException("PMML rejected: " + engineMessage(e), e);
        }
        checkInputs(evaluator);
        PMML document = evaluator.getPMML();
        Header header = document.getHeader();
        String version = header != null && header.getModelVersion() != null && !header.getModelVersion().isBlank()
                ? header.getModelVersion() : "sha256:" + sha.substring(0, 12);
        String modelName = evaluator.getModel().getModelName();
        FraudModel model = new FraudModel(evaluator, modelName == null ? "unnamed" : modelName, version, sha,
                probabilityField(evaluator), targetName(evaluator));
        model.trialScore();
        return model;
    }

    /**
     * JPMML checks some parts of a model only when it evaluates them (a tree node without a score, a
     * missing probability): one score of the empty vector finds those before the model goes live.
     */
    private void trialScore() {
        double p;
        try {
            p = score(FeatureTracker.empty());
        } catch (RuntimeException e) {
            throw new ModelLoadException("PMML rejected: scoring a line with no traffic failed: " + engineMessage(e), e);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new ModelLoadException("PMML rejected: a line with no traffic scores " + p + ", not a probability");
        }
    }

    /** @throws ModelLoadException when the file cannot be read or is not a usable model */
    public static FraudModel load(Path file) {
        try {
            return load(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws ModelLoadException when the resource is missing or is not a usable model */
    public static FraudModel loadResource(String classpathResource) {
        try (InputStream in = FraudModel.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new ModelLoadException("no resource " + classpathResource + " on the classpath");
            }
            return load(in.readAllBytes());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + classpathResource + ": " + e.getMessage(), e);
        }
    }

    /** The model this module ships. */
    public static FraudModel shipped() {
        return Shipped.MODEL;
    }

    /** The PMML model name. */
    public String name() {
        return name;
    }

    /** The PMML Header's modelVersion, else {@code sha256:} and the first 12 hex digits of the document's hash. */
    public String version() {
        return version;
    }

    /** SHA-256 of the PMML document, hex. */
    public String sha256() {
        return sha256;
    }

    /** Probability of fraud, 0 to 1. */
    public double score(FeatureVector vector) {
        Map<String, ?> results = evaluator.evaluate(new FeatureArguments(vector));
        if (probabilityField != null) {
            return ((Number) results.get(probabilityField)).doubleValue();
        }
        return ((HasProbability) results.get(targetField)).getProbability(POSITIVE);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }

    private static void checkInputs(Evaluator evaluator) {
        Set<String> inputs = new LinkedHashSet<>();
        for (InputField f : evaluator.getInputFields()) {
            inputs.add(f.getName());
        }
        List<String> extra = new ArrayList<>();
        for (String input : inputs) {
            if (FeatureSchema.indexOf(input) < 0) {
                extra.add(input);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String feature : FeatureSchema.NAMES) {
            if (!inputs.contains(feature)) {
                missing.add(feature);
            }
        }
        if (!extra.isEmpty() || !missing.isEmpty()) {
            throw new ModelLoadException("PMML rejected: its input fields do not match feature schema "
                    + FeatureSchema.VERSION + (extra.isEmpty() ? "" : "; fields the schema does not have: " + extra)
                    + (missing.isEmpty() ? "" : "; schema features the model does not take: " + missing));
        }
        if (evaluator.getTargetFields().size() != 1) {
            throw new ModelLoadException("PMML rejected: expected one target field (the fraud label), found "
                    + evaluator.getTargetFields().size());
        }
    }

    private static String probabilityField(Evaluator evaluator) {
        for (OutputField f : evaluator.getOutputFields()) {
            if (("probability(" + POSITIVE + ")").equals(f.getName())) {
                return f.getName();
            }
        }
        return null;
    }

    private static String targetName(Evaluator evaluator) {
        TargetField target = evaluator.getTargetFields().get(0);
        return target.getName();
    }

    /** The innermost message in the cause chain that says something: JAXB wraps the parser's reason. */
    static String engineMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Loaded on first use: a broken shipped model fails where it is asked for, with the engine's message. */
    private static final class Shipped {
        static final FraudModel MODEL = loadResource(SHIPPED_RESOURCE);
    }
}
