package io.ringfence.ingest;

import static io.ringfence.ingest.EventLimits.*;

/** The rule a string field must follow; {@link #problem} is null when the value is fine. */
@FunctionalInterface
interface Format {
    String problem(String value);

    Format E164 = s -> Syntax.isE164(s) ? null : "not E.164 ('+' and 8-15 digits)";
    /** The A-number of an SMS: application-to-person messages come from short codes and alphanumeric senders. */
    Format SMS_A_NUMBER = s -> Syntax.isSmsOriginator(s) ? null
            : "not E.164 ('+' and 8-15 digits), a short code (" + SHORT_CODE_MIN + "-" + SHORT_CODE_MAX
            + " digits) or an alphanumeric sender (up to " + ORIGINATOR_ALPHA_MAX
            + " letters, digits, spaces and . _ & -, with a letter, no space at either end)";
    Format IMSI = digits(IMSI_MIN, IMSI_MAX, "an IMSI");
    Format IMEI = digits(IMEI_MIN, IMEI_MAX, "an IMEI");
    Format GLOBAL_TITLE = digits(1, GT_MAX, "a global title");
    Format PLMN = s -> Syntax.isPlmn(s) ? null : "not an MCC-MNC code like 208-01";
    Format SIP_METHOD = s -> Syntax.isSipMethod(s) ? null
            : "not a SIP method (1-" + SIP_METHOD_MAX + " upper-case letters)";
    Format OPERATION = name(OPERATION_MAX, "a MAP operation name");
    Format COMMAND = name(COMMAND_MAX, "a Diameter command name");
    Format HOST = s -> Syntax.isHost(s) ? null
            : "not a host or realm name (letters, digits, '.', '_', '-'; at most " + HOST_MAX + ")";
    Format IP = s -> Syntax.isIp(s) ? null : "not an IPv4 or IPv6 address";
    Format SENDER_ID = s -> Syntax.isSenderId(s) ? null
            : "not a sender id (up to " + SENDER_DIGITS_MAX + " digits, or up to " + SENDER_ALPHA_MAX
            + " letters, digits, spaces and . _ & -)";
    Format CHANNEL_CODE = s -> Syntax.isCode(s, CHANNEL_MAX) ? null
            : "not an upper-case code (A-Z, 0-9, '_'; at most " + CHANNEL_MAX + ")";
    Format HASH = s -> Syntax.isHashText(s) ? null
            : "not a hash (hex or base64, at most " + ID_DOCUMENT_HASH_MAX + " characters)";

    static Format text(int max) {
        return s -> Syntax.textProblem(s, max);
    }

    private static Format digits(int min, int max, String what) {
        String reason = "not " + what + " (" + min + "-" + max + " digits)";
        return s -> Syntax.isDigits(s, min, max) ? null : reason;
    }

    private static Format name(int max, String what) {
        String reason = "not " + what + " (a letter, then letters, digits, '_' or '-'; at most " + max + ")";
        return s -> Syntax.isName(s, max) ? null : reason;
    }
}
