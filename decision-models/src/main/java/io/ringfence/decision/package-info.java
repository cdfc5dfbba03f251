/** The decide stage: an alert, its score and the DMN disposition model make a decision for the switches. */
package io.ringfence.decision;
