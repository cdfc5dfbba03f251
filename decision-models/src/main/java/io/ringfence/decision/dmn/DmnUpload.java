package io.ringfence.decision.dmn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.ringfence.upload.SafeXml;
import io.ringfence.upload.UploadRejection;

/**
 * The gate an uploaded DMN file passes before the engine sees it.
 *
 * <p>Apache KIE 10.1 reads DMN 1.1 to 1.5; the KIE DMN editor 10.2 that analysts use writes DMN 1.6. An upload
 * is checked in this order: size (before any parsing), well-formed XML with DTDs and entities refused and depth,
 * element count and attributes bounded ({@link SafeXml}), root
 * element {@code definitions} in a DMN 1.1–1.6 model namespace ({@link DmnRootProbe}), then validation against the
 * XSD of the version the engine will read ({@link DmnSchemaValidation}). DMN 1.1–1.5 is returned byte for byte as
 * uploaded. DMN 1.6 is rewritten to DMN 1.5 ({@link DmnVersionRewriter}) and the rewritten document validated
 * against the DMN 1.5 XSD shipped with KIE, so a DMN 1.6 construct that has no DMN 1.5 form (the only one in the
 * schema is {@code functionDefinition kind="ONNX"}) is rejected, with the line, column and element, instead of
 * being dropped.
 *
 * <p>Rejections are values ({@link Rejected}); an exception means a bug or a broken classpath. Instances are
 * immutable and thread-safe. {@link DmnConvert} runs the gate on a file from the command line.
 */
public final class DmnUpload {

    /** The largest upload accepted unless the constructor says otherwise: 2 MiB. */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    private final int maxBytes;

    public DmnUpload() {
        this(DEFAULT_MAX_BYTES);
    }

    public DmnUpload(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The result of {@link #prepare}: the engine-ready model, or why there is none. */
    public sealed interface Result permits Accepted, Rejected {
        boolean accepted();
    }

    /**
     * The model as the engine (KIE 10.1) reads it.
     *
     * @param dmn             DMN 1.1–1.5 XML in UTF-8 or the encoding its declaration names; the upload itself unless
     *                        it was DMN 1.6
     * @param uploadedVersion the version the upload was written in
     * @param notes           what was changed, one line each; empty when nothing was
     */
    public record Accepted(byte[] dmn, DmnVersion uploadedVersion, List<String> notes) implements Result {
        public Accepted {
            dmn = dmn.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public byte[] dmn() {
            return dmn.clone();
        }

        /** The version the engine reads: the uploaded one, or 1.5 for a converted 1.6 upload. */
        public DmnVersion engineVersion() {
            return converted() ? DmnVersion.DMN_1_5 : uploadedVersion;
        }

        public boolean converted() {
            return uploadedVersion == DmnVersion.DMN_1_6;
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Accepted other && Arrays.equals(dmn, other.dmn)
                    && uploadedVersion == other.uploadedVersion && notes.equals(other.notes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(dmn), uploadedVersion, notes);
        }

        @Override
        public String toString() {
            return "Accepted[" + uploadedVersion + (converted() ? " -> " + engineVersion() : "") + ", " + dmn.length
                    + " bytes, notes=" + notes + "]";
        }
    }

    /**
     * The upload is refused; {@code messages} says why, each with a line and column where there is one, and
     * {@code reason} how an API should answer (too large, not allowed, invalid).
     */
    public record Rejected(UploadRejection.Reason reason, List<String> messages) implements Result {
        public Rejected {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }

        /** A file that is safe to read but not a model the engine can take. */
        public Rejected(List<String> messages) {
            this(UploadRejection.Reason.INVALID, messages);
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }

    /**
     * Checks an uploaded DMN file and returns what the engine should load.
     *
     * @param uploaded the file's bytes as received
     * @return {@link Accepted} with DMN 1.1–1.5 bytes, or {@link Rejected} with the reasons
     */
    public Result prepare(byte[] uploaded) {
        Objects.requireNonNull(uploaded, "uploaded");
        // Size first, then one hardened pass: no DTD, bounded depth, elements and attributes.
        Optional<SafeXml.Refusal> unsafe = SafeXml.check(uploaded, DmnSafety.limits(maxBytes));
        if (unsafe.isPresent()) {
            return new Rejected(unsafe.get().reason(), List.of(unsafe.get().message()));
        }
        DmnRootProbe.Root root = DmnRootProbe.read(uploaded);
        if (root.problem() != null) {
            return new Rejected(List.of(root.problem()));
        }
        return root.version() == DmnVersion.DMN_1_6 ? convert16(uploaded) : validateAsIs(uploaded, root.version());
    }

    private static Result validateAsIs(byte[] uploaded, DmnVersion version) {
        SchemaProblems problems = DmnSchemaValidation.validate(uploaded, version);
        if (!problems.isEmpty()) {
            return new Rejected(problems.messages("the " + version + " model is not valid against the " + version
                    + " schema"));
        }
        return new Accepted(uploaded, version, List.of());
    }

    private static Result convert16(byte[] uploaded) {
        DmnSchemaValidation.Converted converted = DmnSchemaValidation.convertTo15(uploaded);
        if (!converted.problems().isEmpty()) {
            return new Rejected(converted.problems().messages("the DMN 1.6 model does not convert to valid DMN 1.5, "
                    + "the version the engine (KIE 10.1) reads"));
        }
        List<String> notes = new ArrayList<>();
        notes.add("converted from DMN 1.6 to DMN 1.5: " + converted.elementsRenamed() + " element(s) moved to the "
                + "DMN 1.5 model namespace");
        if (converted.feelValuesRewritten() > 0) {
            notes.add(converted.feelValuesRewritten() + " expressionLanguage/typeLanguage value(s) moved to the DMN "
                    + "1.5 FEEL namespace");
        }
        return new Accepted(converted.dmn(), DmnVersion.DMN_1_6, notes);
    }
}
