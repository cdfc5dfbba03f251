package io.ringfence.upload;

import java.util.List;

/**
 * An uploaded rule set, decision model or scoring model that Ringfence refused, and why, in terms an API
 * can map to a response without parsing messages. Implemented by the exceptions each entry point throws
 * ({@code RuleSetCompilationException}, {@code DecisionModelException}, {@code ModelLoadException}), so a
 * caller catches the type it already knows and asks it for the reason.
 */
public interface UploadRejection {

    /** The kind of refusal. */
    enum Reason {
        /** Over a size limit; nothing was parsed. */
        TOO_LARGE,
        /** Asks for something uploads may not do (code outside the rule sandbox, DTDs, external references). */
        NOT_ALLOWED,
        /** Safe but unusable: does not parse, compile or verify. */
        INVALID
    }

    Reason reason();

    /** What was wrong, one line each; never the content of a file the upload pointed at. */
    List<String> messages();
}
