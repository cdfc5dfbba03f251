/** Scoring alerts with the fraud-score PMML model through JPMML-Evaluator. */
package io.ringfence.scoring;
