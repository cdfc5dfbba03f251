package io.ringfence.features;

import io.ringfence.event.Enrichment;

/** One subscriber line. Floats for the decayed counters: 7 significant digits are plenty and halve the size. */
final class LineState implements Idle {
    long lastMillis;
    float moCalls1h;
    float moCalls24h;
    float moSms1h;
    float moSms24h;
    float mt24;
    float intl24;
    float highRisk24;
    float answered24;
    float minutes24;
    float night24;
    float records24;
    float roaming24;
    float charge24;
    /** B-numbers, cells, IMEIs: current and previous 12-hour epoch each. */
    final long[] sketches = new long[6];
    long sketchEpoch;
    long subscribedAt = Enrichment.NEVER;
    long swapAt = Enrichment.NEVER;
    long lastImei = FeatureTracker.NO_IMEI;
    boolean forwardHighCost;
    long hourIndex;
    int hourCalls;
    int hoursSeen;
    /*
     * The hourly call-volume baseline is a running mean and variance (Welford), two doubles, not
     * a stored history that Commons Math's DescriptiveStatistics would need (a week of hours is
     * 168 values, 1.3 KB per line). The count stops at a week, so older hours fade out
     * exponentially instead of weighing forever.
     */
    double hourMean;
    double hourM2;
    /** Events up to here are in a state restored from another instance, and not counted again. */
    long restoredUntil = Long.MIN_VALUE;

    LineState(long t) {
        lastMillis = t;
        sketchEpoch = Math.floorDiv(t, FeatureTracker.EPOCH);
        hourIndex = Math.floorDiv(t, FeatureTracker.HOUR);
    }

    @Override
    public long lastSeen() {
        return lastMillis;
    }

    void decay(long t) {
        long dt = t - lastMillis;
        if (dt > 0) {
            float f1 = (float) Math.exp(-dt / (double) FeatureTracker.HOUR);
            float f24 = (float) Math.exp(-dt / (24.0 * FeatureTracker.HOUR));
            moCalls1h *= f1;
            moSms1h *= f1;
            moCalls24h *= f24;
            moSms24h *= f24;
            mt24 *= f24;
            intl24 *= f24;
            highRisk24 *= f24;
            answered24 *= f24;
            minutes24 *= f24;
            night24 *= f24;
            records24 *= f24;
            roaming24 *= f24;
            charge24 *= f24;
            lastMillis = t;
        }
    }

    void rollEpoch(long epoch) {
        if (epoch <= sketchEpoch) {
            return;
        }
        for (int i = 0; i < sketches.length; i += 2) {
            sketches[i + 1] = epoch == sketchEpoch + 1 ? sketches[i] : 0;
            sketches[i] = 0;
        }
        sketchEpoch = epoch;
    }

    void addToSketch(int slot, String value, long epoch) {
        if (value == null) {
            return;
        }
        if (epoch == sketchEpoch) {
            sketches[slot] |= Sketch.bit(value);
        } else if (epoch == sketchEpoch - 1) {
            sketches[slot + 1] |= Sketch.bit(value);
        }
    }

    double distinct(int slot, long epoch) {
        if (epoch == sketchEpoch) {
            return Sketch.estimate(sketches[slot] | sketches[slot + 1]);
        }
        return epoch == sketchEpoch + 1 ? Sketch.estimate(sketches[slot]) : 0;
    }

    /** Closes the hours before {@code hour} into the baseline; the hours with no event count as zero calls. */
    void rollHour(long hour) {
        if (hour <= hourIndex) {
            return;
        }
        push(hourCalls, 1);
        long idle = hour - hourIndex - 1;
        if (idle > 0) {
            push(0, (int) Math.min(idle, FeatureTracker.BASELINE_HOURS));
        }
        hourIndex = hour;
        hourCalls = 0;
    }

    /** Adds {@code k} hours of {@code x} calls each (Chan et al.'s merge of two mean/variance pairs). */
    private void push(double x, int k) {
        int n = Math.min(hoursSeen, FeatureTracker.BASELINE_HOURS - k);
        int total = n + k;
        double delta = x - hourMean;
        hourMean += delta * k / total;
        hourM2 = (n * hourM2 / Math.max(1, hoursSeen)) + delta * delta * n * k / total;
        hoursSeen = total;
    }

    double volumeZ(long nowHour) {
        double x = nowHour == hourIndex ? hourCalls : 0;
        double variance = hoursSeen > 0 ? hourM2 / hoursSeen : 0;
        // +1 keeps a line with a flat history (variance 0) from turning one call into an infinite z.
        return (x - hourMean) / Math.sqrt(variance + 1);
    }

    private static final byte FORMAT = 1;

    /** The state as another instance reads it back with {@link #fromBytes}. */
    byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(192);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(lastMillis);
            for (float f : new float[]{moCalls1h, moCalls24h, moSms1h, moSms24h, mt24, intl24, highRisk24, answered24,
                    minutes24, night24, records24, roaming24, charge24}) {
                out.writeFloat(f);
            }
            for (long l : sketches) {
                out.writeLong(l);
            }
            out.writeLong(sketchEpoch);
            out.writeLong(subscribedAt);
            out.writeLong(swapAt);
            out.writeLong(lastImei);
            out.writeBoolean(forwardHighCost);
            out.writeLong(hourIndex);
            out.writeInt(hourCalls);
            out.writeInt(hoursSeen);
            out.writeDouble(hourMean);
            out.writeDouble(hourM2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException for bytes that are not a line state of this format */
    static LineState fromBytes(byte[] state) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("not a line state of format " + FORMAT);
            }
            LineState l = new LineState(in.readLong());
            l.moCalls1h = in.readFloat();
            l.moCalls24h = in.readFloat();
            l.moSms1h = in.readFloat();
            l.moSms24h = in.readFloat();
            l.mt24 = in.readFloat();
            l.intl24 = in.readFloat();
            l.highRisk24 = in.readFloat();
            l.answered24 = in.readFloat();
            l.minutes24 = in.readFloat();
            l.night24 = in.readFloat();
            l.records24 = in.readFloat();
            l.roaming24 = in.readFloat();
            l.charge24 = in.readFloat();
            for (int i = 0; i < l.sketches.length; i++) {
                l.sketches[i] = in.readLong();
            }
            l.sketchEpoch = in.readLong();
            l.subscribedAt = in.readLong();
            l.swapAt = in.readLong();
            l.lastImei = in.readLong();
            l.forwardHighCost = in.readBoolean();
            l.hourIndex = in.readLong();
            l.hourCalls = in.readInt();
            l.hoursSeen = in.readInt();
            l.hourMean = in.readDouble();
            l.hourM2 = in.readDouble();
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after a line state");
            }
            l.restoredUntil = l.lastMillis;
            return l;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("truncated line state", e);
        }
    }
}
