package io.ringfence.governance;

import io.ringfence.reference.ReferenceData;
import io.ringfence.reference.ReferenceFiles;

/** What a reference-data change puts live: the checked lists and the text they were read from. */
public record ReferenceVersion(ReferenceData data, ReferenceFiles files) {
}
