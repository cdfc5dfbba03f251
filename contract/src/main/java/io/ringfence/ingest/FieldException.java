package io.ringfence.ingest;

/**
 * Carries a rejection out of the nested readers. Rejections are part of normal traffic, so the
 * exception records no stack trace and costs about as much as the object itself.
 */
final class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    FieldException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    ParseResult.Rejected toRejected() {
        return new ParseResult.Rejected(field, getMessage());
    }
}
