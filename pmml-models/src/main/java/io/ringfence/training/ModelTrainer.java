package io.ringfence.training;

import io.ringfence.features.FeatureSchema;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.dmg.pmml.DataField;
import org.dmg.pmml.DataType;
import org.dmg.pmml.Header;
import org.dmg.pmml.MiningField;
import org.dmg.pmml.OpType;
import org.dmg.pmml.Model;
import org.dmg.pmml.PMML;
import org.jpmml.model.JAXBSerializer;
import org.jpmml.xgboost.FeatureMap;
import org.jpmml.xgboost.HasXGBoostOptions;
import org.jpmml.xgboost.Learner;
import org.jpmml.xgboost.XGBoostUtil;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Trains the gradient-boosted trees with XGBoost4J and converts them to PMML with JPMML-XGBoost.
 * Only training needs these two libraries (optional dependencies); scoring needs JPMML-Evaluator alone.
 */
public final class ModelTrainer {
    public static final String MODEL_NAME = "ringfence-fraud-score";
    public static final String TARGET = "fraud";

    private ModelTrainer() {
    }

    /** @return the PMML document, UTF-8, with no timestamp in it */
    public static byte[] train(Dataset data, TrainingConfig config) {
        try {
            DMatrix matrix = new DMatrix(data.rows(), data.size(), FeatureSchema.size(), Float.NaN);
            try {
                matrix.setLabel(data.labels());
                if (data.weights() != null) {
                    matrix.setWeight(data.weights());
                }
                Booster booster = XGBoost.train(matrix, config.xgboostParameters(), config.rounds(), Map.of(), null, null);
                try {
                    return toPmml(booster.toByteArray("json"), config);
                } finally {
                    booster.dispose();
                }
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /**
     * The converter leaves out the features no tree splits on. They are declared anyway (float inputs
     * the model ignores), so that every model of one feature schema has the same input fields and the
     * loader can demand exactly the schema's names.
     */
    private static void declareUnusedFeatures(PMML pmml, Model model) {
        Set<String> declared = new HashSet<>();
        for (DataField f : pmml.requireDataDictionary().getDataFields()) {
            declared.add(f.requireName());
        }
        for (String name : FeatureSchema.NAMES) {
            if (declared.add(name)) {
                pmml.requireDataDictionary().addDataFields(new DataField(name, OpType.CONTINUOUS, DataType.FLOAT));
                model.requireMiningSchema().addMiningFields(new MiningField(name));
            }
        }
    }

    static byte[] toPmml(byte[] learnerJson, TrainingConfig config) {
        try {
            Learner learner = XGBoostUtil.loadLearner(new ByteArrayInputStream(learnerJson));
            FeatureMap features = new FeatureMap();
            for (String name : FeatureSchema.NAMES) {
                features.addEntry(name, "q");
            }
            PMML pmml = learner.encodePMML(Map.of(HasXGBoostOptions.OPTION_COMPACT, Boolean.TRUE), TARGET,
                    List.of("0", "1"), features);
            Header header = pmml.requireHeader();
            header.setTimestamp(null);
            header.setModelVersion(config.modelVersion());
            header.setDescription("Ringfence fraud score: probability that a line's own traffic is fraud, from "
                    + FeatureSchema.size() + " rolling features (schema " + FeatureSchema.VERSION + "). XGBoost, "
                    + config.rounds() + " trees of depth " + config.maxDepth() + ", simulator seed " + config.seed() + ".");
            for (Model model : pmml.getModels()) {
                model.setModelName(MODEL_NAME);
                declareUnusedFeatures(pmml, model);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JAXBSerializer().serializePretty(pmml, out);
            return out.toByteArray();
        } catch (IOException | jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException("PMML conversion failed: " + e.getMessage(), e);
        }
    }
}
