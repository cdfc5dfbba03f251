package io.ringfence.stream;

/** Another instance committed a partition this one still thought it owned: the batch must not commit. */
final class StaleAssignmentException extends RuntimeException {
    StaleAssignmentException(String message) {
        super(message);
    }
}
