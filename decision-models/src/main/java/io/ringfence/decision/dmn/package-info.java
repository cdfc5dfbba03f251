/**
 * Uploaded DMN files on their way to the engine: {@link io.ringfence.decision.dmn.DmnUpload} checks size and XML
 * safety, tells the DMN version from the model namespace ({@code DmnRootProbe}), converts the DMN 1.6 that the KIE DMN
 * editor 10.2 writes to the DMN 1.5 that Apache KIE 10.1 reads ({@code DmnVersionRewriter}), and validates against
 * the schema KIE ships ({@code DmnSchemaValidation}, {@code DmnSchemas}). JDK XML APIs only.
 */
package io.ringfence.decision.dmn;
