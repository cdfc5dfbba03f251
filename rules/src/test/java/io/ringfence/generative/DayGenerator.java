package io.ringfence.generative;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Composes a random day from the behaviours: how many of each, how long the day, when it starts, and
 * how it is delivered all come from the seed. Honest traffic dominates; frauds and look-alikes are
 * a few each, so rules fire among the traffic that resembles them.
 */
final class DayGenerator {
    private static final long HOUR = 3_600_000;
    private static final long EPOCH = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    /** A behaviour and how many of it a day has at most. */
    private record Mix(Supplier<Behaviour> make, int most) {}

    private static final List<Mix> MIXES = List.of(
            new Mix(Everyday.Person::new, 80),
            new Mix(Everyday.ReceiveOnly::new, 20),
            new Mix(Lookalikes.HeavyCaller::new, 5),
            new Mix(Lookalikes.Telesales::new, 3),
            new Mix(Lookalikes.CallCentre::new, 2),
            new Mix(Lookalikes.BorderResident::new, 8),
            new Mix(Lookalikes.SimReissueShop::new, 2),
            new Mix(Lookalikes.SimBoxRotator::new, 2),
            new Mix(Otp::new, 3),
            new Mix(Frauds.Irsf::new, 2),
            new Mix(Frauds.Wangiri::new, 2),
            new Mix(Frauds.PbxBruteForce::new, 2),
            new Mix(Frauds.SignalingAttack::new, 2),
            new Mix(Frauds.SmsPumping::new, 2),
            new Mix(Frauds.NewLine::new, 2),
            new Mix(Frauds.SwapTakeover::new, 2),
            new Mix(Frauds.RoamingAbuse::new, 2),
            new Mix(Frauds.Clone::new, 2),
            new Mix(Frauds.CliSpoof::new, 2));

    private DayGenerator() {
    }

    static GeneratedDay day(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Net net = new Net(rnd);
        long start = EPOCH + rnd.nextInt(300) * 24 * HOUR + rnd.nextInt(24) * HOUR + rnd.nextInt(3_600_000);
        long hours = 2 + rnd.nextInt(25);
        Timeline day = new Timeline(seed, start, start + hours * HOUR);
        List<Behaviour> cast = new ArrayList<>();
        for (Mix m : MIXES) {
            // each kind is absent from about a third of the days, so days differ in kind as well as size
            int n = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(m.most() + 1);
            for (int i = 0; i < n; i++) {
                cast.add(m.make().get());
            }
        }
        Collections.shuffle(cast, new java.util.Random(rnd.nextLong()));
        for (Behaviour b : cast) {
            b.play(net, day);
        }
        return Delivery.random(net).deliver(seed, day.drafts(), rnd);
    }
}
