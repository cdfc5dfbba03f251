/**
 * The feedback loop: the handlers' verdicts on closed cases, turned into labelled feature rows from the stored
 * history, for the training command to learn from (docs/governance.md, "Retraining on case verdicts"). The rows
 * carry features and verdicts, never a subscriber's number.
 */
package io.ringfence.feedback;
