package io.ringfence.ingest;

/**
 * The size and range limits of an incoming event. {@code docs/schemas/telecom-event.schema.json}
 * states the same limits; {@code SchemaConformanceTest} keeps the two in step.
 *
 * <p>String lengths count Unicode code points, as JSON Schema's {@code maxLength} does.
 */
public final class EventLimits {
    /** Default longest line; checked on the raw bytes so that a huge line costs nothing to refuse. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Object and array nesting, counting the event object itself as level 1. */
    public static final int MAX_DEPTH = 8;
    /** Characters of one JSON number: a double needs at most 24, so longer ones are abuse. */
    public static final int MAX_NUMBER_CHARS = 32;
    /** Members of the event object, known and unknown together (JSON Schema can count only these). */
    public static final int MAX_FIELDS = 64;
    public static final int MAX_FIELD_NAME_CHARS = 64;
    /** A string value of an unknown (extra) field, at any depth. */
    public static final int MAX_EXTRA_STRING_CHARS = 1024;

    public static final int EVENT_ID_MAX = 128;
    public static final int IMSI_MIN = 5;
    public static final int IMSI_MAX = 15;
    public static final int IMEI_MIN = 14;
    public static final int IMEI_MAX = 16;
    public static final int CELL_ID_MAX = 64;
    public static final int TRUNK_MAX = 64;
    public static final int SENDER_ALPHA_MAX = 11;
    /** The A-number of an SMS may be a short code of this many digits (no '+')... */
    public static final int SHORT_CODE_MIN = io.ringfence.event.SmsOriginator.SHORT_CODE_MIN_DIGITS;
    public static final int SHORT_CODE_MAX = io.ringfence.event.SmsOriginator.SHORT_CODE_MAX_DIGITS;
    /** ...or an alphanumeric originator of at most this many characters. */
    public static final int ORIGINATOR_ALPHA_MAX = io.ringfence.event.SmsOriginator.ALPHANUMERIC_MAX;
    public static final int SENDER_DIGITS_MAX = 15;
    public static final int URI_MAX = 256;
    public static final int USER_AGENT_MAX = 256;
    public static final int IP_MAX = 45;
    public static final int SIP_METHOD_MAX = 32;
    public static final int GT_MAX = 15;
    public static final int OPERATION_MAX = 64;
    public static final int COMMAND_MAX = 64;
    public static final int HOST_MAX = 255;
    public static final int AGENT_ID_MAX = 64;
    public static final int CUSTOMER_ID_MAX = 64;
    public static final int CHANNEL_MAX = 32;
    public static final int ID_DOCUMENT_HASH_MAX = 128;

    /** Durations and ring times: a year and a day; anything longer is a broken clock, not a call. */
    public static final double MAX_SECONDS = 31_622_400;
    public static final double MAX_CHARGE = 1_000_000_000;
    /** 2^53-1: the largest integer every JSON implementation reads exactly. */
    public static final long MAX_BYTES = 9_007_199_254_740_991L;
    public static final int RESPONSE_CODE_MIN = 100;
    public static final int RESPONSE_CODE_MAX = 699;

    private EventLimits() {
    }
}
