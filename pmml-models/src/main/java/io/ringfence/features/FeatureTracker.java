package io.ringfence.features;

import io.ringfence.event.CallForwardEvent;
import io.ringfence.event.CdrEvent;
import io.ringfence.event.DataEvent;
import io.ringfence.event.DeviceRecord;
import io.ringfence.event.Enrichment;
import io.ringfence.event.NumberInfo;
import io.ringfence.event.SimSwapEvent;
import io.ringfence.event.SmsEvent;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rolling per-subscriber features for the fraud score, kept from the enriched event stream (give
 * {@link #observe} to the pipeline's 4-argument constructor). Single-threaded, like the CEP session
 * it sits beside: one tracker per pipeline.
 *
 * <p><b>Exponentially decayed counters, not time buckets.</b> A "24 h" count is
 * {@code sum(exp(-age / 24 h))} over the line's records: one float per counter, updated in O(1) with
 * one multiplication, where exact sliding windows would keep 24 hourly buckets per counter (about
 * 1 KB per line for these 13 counters; the target is about 300 bytes, for 1M lines in a 2 GB heap
 * beside the CEP state). A burst in the last hours counts almost fully, yesterday's traffic at about
 * a third. Shares are ratios of counters with the same time constant, so the decay cancels out.
 * Distinct counts (B-numbers, cells, IMEIs) use 64-bit linear-counting sketches in two 12-hour
 * epochs, so "24 h" there means the current and the previous epoch (12 to 24 hours).
 *
 * <p>Lines idle for longer than the retention are evicted (amortised O(1): the map is in access order,
 * the idlest line first); so are handsets in the IMEI-to-SIM map. Measured: about 260 bytes per line
 * and 90 per handset, besides the MSISDN key that the enrich stage's profiles hold too.
 */
public final class FeatureTracker {
    static final long HOUR = 3_600_000L;
    static final long EPOCH = 12 * HOUR;
    static final double CAP_HOURS = 720;
    /** Hourly history length for the call-volume baseline: beyond a week, older hours fade out. */
    static final int BASELINE_HOURS = 168;
    static final long NO_IMEI = Long.MIN_VALUE;

    private static final int MO_CALLS_1H = FeatureSchema.indexOf("moCalls1h");
    private static final int MO_CALLS_24H = FeatureSchema.indexOf("moCalls24h");
    private static final int MO_SMS_1H = FeatureSchema.indexOf("moSms1h");
    private static final int MO_SMS_24H = FeatureSchema.indexOf("moSms24h");
    private static final int DISTINCT_B = FeatureSchema.indexOf("distinctB24h");
    private static final int INTL = FeatureSchema.indexOf("intlShare24h");
    private static final int HIGH_RISK = FeatureSchema.indexOf("highRiskShare24h");
    private static final int MO_SHARE = FeatureSchema.indexOf("moShare24h");
    private static final int ANSWERED = FeatureSchema.indexOf("answeredShare24h");
    private static final int MEAN_MINUTES = FeatureSchema.indexOf("meanCallMinutes24h");
    private static final int NIGHT = FeatureSchema.indexOf("nightShare24h");
    private static final int CELLS = FeatureSchema.indexOf("cells24h");
    private static final int IMEIS = FeatureSchema.indexOf("imeis24h");
    private static final int SIMS_PER_IMEI = FeatureSchema.indexOf("simsPerImei");
    private static final int SINCE_SUBSCRIPTION = FeatureSchema.indexOf("hoursSinceSubscription");
    private static final int SINCE_SWAP = FeatureSchema.indexOf("hoursSinceSimSwap");
    private static final int ROAMING = FeatureSchema.indexOf("roamingShare24h");
    private static final int CHARGE = FeatureSchema.indexOf("chargeAmount24h");
    private static final int VOLUME_Z = FeatureSchema.indexOf("callVolumeZ");
    private static final int FORWARD = FeatureSchema.indexOf("forwardHighCost");

    private final ZoneId zone;
    private final long retentionMillis;
    private final double highCostRatePerMinute;
    private final LinkedHashMap<String, LineState> lines = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<Long, Handset> handsets = new LinkedHashMap<>(1024, 0.75f, true);
    private long offsetHour = Long.MIN_VALUE;
    private long offsetMillis;

    /** UTC night hours, 48 h retention, 2.0 per minute for uncharged high-cost calls (the rules' roaming.ratePerMinute). */
    public FeatureTracker() {
        this(ZoneId.of("UTC"), Duration.ofHours(48), 2.0);
    }

    /**
     * @param zone                  the network's local time, for night hours
     * @param retention             idle time after which a line (or handset) is forgotten
     * @param highCostRatePerMinute tariff estimate for MO calls to high-cost numbers that carry no chargeAmount
     */
    public FeatureTracker(ZoneId zone, Duration retention, double highCostRatePerMinute) {
        this.zone = zone;
        this.retentionMillis = retention.toMillis();
        this.highCostRatePerMinute = highCostRatePerMinute;
    }

    /** Lines currently tracked. */
    public int size() {
        return lines.size();
    }

    /** Handsets currently tracked for SIMs per IMEI. */
    public int handsetCount() {
        return handsets.size();
    }

    /** Counts one enriched event. Events may arrive somewhat late: they are weighted by their age. */
    public void observe(TelecomEvent event) {
        String subscriber = event.getSubscriber();
        if (subscriber == null) {
            return;
        }
        long t = event.getTimestampMillis();
        LineState line = lines.get(subscriber);
        if (line != null && t <= line.restoredUntil) {
            // Replayed history the restored state already counts; only the handsets, which are not
            // handed over, are rebuilt from it.
            if (event instanceof DeviceRecord record && record.getImei() != null) {
                handset(record, event instanceof DataEvent d ? d.getImsi() : ((CdrEvent) event).getImsi(), t);
            }
            evict(t);
            return;
        }
        if (line == null) {
            line = new LineState(t);
            lines.put(subscriber, line);
        }
        double w1 = 1;
        double w24 = 1;
        if (t >= line.lastMillis) {
            line.decay(t);
        } else {
            w1 = Math.exp((t - line.lastMillis) / (double) HOUR);
            w24 = Math.exp((t - line.lastMillis) / (24.0 * HOUR));
        }
        line.rollEpoch(Math.floorDiv(t, EPOCH));
        line.rollHour(Math.floorDiv(t, HOUR));
        Enrichment e = event.getEnrichment();
        if (e.getSubscribedAtMillis() != Enrichment.NEVER) {
            line.subscribedAt = e.getSubscribedAtMillis();
        }
        if (event instanceof CdrEvent cdr) {
            observeCdr(line, cdr, e.getBInfo(), t, w1, w24);
        } else if (event instanceof SimSwapEvent) {
            line.swapAt = Math.max(line.swapAt, t);
        } else if (event instanceof CallForwardEvent cf) {
            NumberInfo to = e.getBInfo();
            line.forwardHighCost = cf.isActive() && (to.isForeign() || to.isHighCost());
        }
        if (event instanceof DeviceRecord record) {
            observeDevice(line, record, event instanceof DataEvent d ? d.getImsi() : ((CdrEvent) event).getImsi(), t, w24);
        }
        evict(t);
    }

    private void observeCdr(LineState line, CdrEvent cdr, NumberInfo b, long t, double w1, double w24) {
        if (!cdr.isMo()) {
            line.mt24 += w24;
            return;
        }
        if (cdr instanceof VoiceEvent call) {
            line.moCalls1h += w1;
            line.moCalls24h += w24;
            if (Math.floorDiv(t, HOUR) == line.hourIndex) {
                line.hourCalls++;
            }
            if (call.isAnswered()) {
                line.answered24 += w24;
                line.minutes24 += w24 * call.getMinutes();
            }
            Double charge = call.getChargeAmount();
            double amount = charge != null ? charge : b.isHighCost() ? call.getMinutes() * highCostRatePerMinute : 0;
            line.charge24 += w24 * amount;
        } else if (cdr instanceof SmsEvent sms) {
            line.moSms1h += w1;
            line.moSms24h += w24;
            if (sms.getChargeAmount() != null) {
                line.charge24 += w24 * sms.getChargeAmount();
            }
        }
        if (b.isForeign()) {
            line.intl24 += w24;
        }
        if (b.isHighCost()) {
            line.highRisk24 += w24;
        }
        if (localHour(t) < 6) {
            line.night24 += w24;
        }
        line.addToSketch(0, cdr.getBNumber(), Math.floorDiv(t, EPOCH));
    }

    private void observeDevice(LineState line, DeviceRecord r, String imsi, long t, double w24) {
        line.records24 += w24;
        if (r.isRoaming()) {
            line.roaming24 += w24;
        }
        long epoch = Math.floorDiv(t, EPOCH);
        line.addToSketch(2, r.getCellId(), epoch);
        String imei = r.getImei();
        if (imei == null) {
            return;
        }
        line.addToSketch(4, imei, epoch);
        line.lastImei = handset(r, imsi, t);
    }

    private long handset(DeviceRecord r, String imsi, long t) {
        long key = imeiKey(r.getImei());
        Handset h = handsets.get(key);
        if (h == null) {
            h = new Handset();
            handsets.put(key, h);
        }
        h.lastSeen = Math.max(h.lastSeen, t);
        h.sims |= Sketch.bit(imsi != null ? imsi : r.getSubscriber());
        return key;
    }

    private static final byte SNAPSHOT_FORMAT = 1;

    /**
     * Every tracked line and handset, to hand a partition over to another instance ({@link #restore}).
     * Taken between batches, it matches what the store has committed.
     */
    public byte[] snapshot() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 + lines.size() * 200 + handsets.size() * 24);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(SNAPSHOT_FORMAT);
            out.writeInt(lines.size());
            for (Map.Entry<String, LineState> e : lines.entrySet()) {
                out.writeUTF(e.getKey());
                byte[] state = e.getValue().toBytes();
                out.writeShort(state.length);
                out.write(state);
            }
            out.writeInt(handsets.size());
            for (Map.Entry<Long, Handset> e : handsets.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue().lastSeen);
                out.writeLong(e.getValue().sims);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Takes over the lines and handsets another instance left ({@link #snapshot}). A restored line's
     * events up to its last event time are then not counted again when recent history is replayed; a
     * handset's are, harmlessly (its SIMs are a set).
     *
     * @return the lines restored
     * @throws IllegalArgumentException for bytes that are not a snapshot of this format
     */
    public int restore(byte[] snapshot) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            if (in.readByte() != SNAPSHOT_FORMAT) {
                throw new IllegalArgumentException("not a feature snapshot of format " + SNAPSHOT_FORMAT);
            }
            int n = in.readInt();
            Map<String, LineState> read = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String subscriber = in.readUTF();
                byte[] state = new byte[in.readUnsignedShort()];
                in.readFully(state);
                read.put(subscriber, LineState.fromBytes(state));
            }
            int h = in.readInt();
            Map<Long, Handset> phones = new LinkedHashMap<>();
            for (int i = 0; i < h; i++) {
                Handset handset = new Handset();
                long key = in.readLong();
                handset.lastSeen = in.readLong();
                handset.sims = in.readLong();
                phones.put(key, handset);
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after a feature snapshot");
            }
            lines.putAll(read);
            handsets.putAll(phones);
            return n;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("truncated feature snapshot", e);
        }
    }

    /** The line's features as of event time {@code nowMillis}; a line never seen (or evicted) gives {@link #empty()}. */
    public FeatureVector vector(String subscriber, long nowMillis) {
        LineState line = subscriber == null ? null : lines.get(subscriber);
        if (line == null) {
            return empty();
        }
        double[] v = new double[FeatureSchema.size()];
        long dt = Math.max(0, nowMillis - line.lastMillis);
        double f1 = Math.exp(-dt / (double) HOUR);
        double f24 = Math.exp(-dt / (24.0 * HOUR));
        double mo24 = line.moCalls24h + line.moSms24h;
        v[MO_CALLS_1H] = line.moCalls1h * f1;
        v[MO_CALLS_24H] = line.moCalls24h * f24;
        v[MO_SMS_1H] = line.moSms1h * f1;
        v[MO_SMS_24H] = line.moSms24h * f24;
        long epoch = Math.floorDiv(nowMillis, EPOCH);
        v[DISTINCT_B] = line.distinct(0, epoch);
        v[INTL] = share(line.intl24, mo24, 0);
        v[HIGH_RISK] = share(line.highRisk24, mo24, 0);
        v[MO_SHARE] = share(mo24, mo24 + line.mt24, 0.5);
        v[ANSWERED] = share(line.answered24, line.moCalls24h, 1);
        v[MEAN_MINUTES] = line.answered24 > 1e-9 ? line.minutes24 / line.answered24 : 0;
        v[NIGHT] = share(line.night24, mo24, 0);
        v[CELLS] = line.distinct(2, epoch);
        v[IMEIS] = line.distinct(4, epoch);
        Handset h = line.lastImei == NO_IMEI ? null : handsets.get(line.lastImei);
        v[SIMS_PER_IMEI] = h == null ? 0 : Sketch.estimate(h.sims);
        v[SINCE_SUBSCRIPTION] = hoursSince(line.subscribedAt, nowMillis);
        v[SINCE_SWAP] = hoursSince(line.swapAt, nowMillis);
        v[ROAMING] = share(line.roaming24, line.records24, 0);
        v[CHARGE] = line.charge24 * f24;
        v[VOLUME_Z] = line.volumeZ(Math.floorDiv(nowMillis, HOUR));
        v[FORWARD] = line.forwardHighCost ? 1 : 0;
        return FeatureVector.wrap(v);
    }

    /** The vector of a line with no traffic: what {@link #vector} gives for a subscriber never seen. */
    public static FeatureVector empty() {
        double[] v = new double[FeatureSchema.size()];
        v[MO_SHARE] = 0.5;
        v[ANSWERED] = 1;
        v[SINCE_SUBSCRIPTION] = CAP_HOURS;
        v[SINCE_SWAP] = CAP_HOURS;
        return FeatureVector.wrap(v);
    }

    private static double share(double part, double whole, double none) {
        return whole > 1e-9 ? Math.min(1.0, part / whole) : none;
    }

    private static double hoursSince(long at, long now) {
        if (at == Enrichment.NEVER) {
            return CAP_HOURS;
        }
        return Math.min(CAP_HOURS, Math.max(0, (now - at) / (double) HOUR));
    }

    /**
     * An IMEI as a number: 15 digits fit a long, so the map holds a 16-byte Long per handset instead
     * of a 56-byte String (and a line does not keep its handset's String alive). Anything that is not
     * all digits is hashed into the negative range, apart from the digit keys.
     */
    static long imeiKey(String imei) {
        if (imei.length() <= 18) {
            long v = 0;
            boolean digits = true;
            for (int i = 0; i < imei.length() && digits; i++) {
                char c = imei.charAt(i);
                digits = c >= '0' && c <= '9';
                v = v * 10 + (c - '0');
            }
            if (digits) {
                return v;
            }
        }
        return Long.MIN_VALUE + 1 + (imei.hashCode() & 0xffffffffL);
    }

    /** Local hour of day; the zone offset is looked up once per UTC hour (it only changes on the hour). */
    int localHour(long t) {
        long hour = Math.floorDiv(t, HOUR);
        if (hour != offsetHour) {
            offsetHour = hour;
            offsetMillis = zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
        }
        return (int) Math.floorMod(Math.floorDiv(t + offsetMillis, HOUR), 24L);
    }

    private void evict(long now) {
        long horizon = now - retentionMillis;
        evictIdle(lines, horizon);
        evictIdle(handsets, horizon);
    }

    private static <K, V extends Idle> void evictIdle(LinkedHashMap<K, V> map, long horizon) {
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().lastSeen() >= horizon) {
                return;
            }
            it.remove();
        }
    }
}
