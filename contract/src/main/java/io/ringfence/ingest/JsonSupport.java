package io.ringfence.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The one JsonFactory of the package: thread-safe, and its buffer recycling pays off only when shared. */
final class JsonSupport {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // One above our own limit: ObjectReader rejects first, naming the field.
                    .maxNestingDepth(EventLimits.MAX_DEPTH + 1)
                    .maxNumberLength(EventLimits.MAX_NUMBER_CHARS)
                    .build())
            // Writers append to the caller's stream: never close it, and leave flushing to the caller.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private JsonSupport() {
    }
}
