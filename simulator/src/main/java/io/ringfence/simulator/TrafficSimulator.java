package io.ringfence.simulator;

import io.ringfence.label.Label;
import io.ringfence.event.TelecomEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A labelled day of traffic on the demo network: an ordinary subscriber base, honest look-alikes and
 * injected frauds of every typology. Events come out in timestamp order, generated lazily, so a day
 * of a million-subscriber base streams in constant memory apart from the scripted incidents.
 */
public final class TrafficSimulator implements Iterable<TelecomEvent> {
    private final SimulationConfig config;
    private final List<Label> labels;
    private final List<Actor> actors;

    public TrafficSimulator(SimulationConfig config) {
        this.config = config;
        boolean unseen = config.family() == SimulationConfig.Family.UNSEEN;
        // The unseen family draws from its own stream: seed N of it shares nothing with seed N of the tuned one.
        long seed = unseen ? config.seed() ^ UNSEEN_SEED_SALT : config.seed();
        SplittableRandom rnd = new SplittableRandom(seed);
        EventFactory factory = new EventFactory(seed);
        Numbers numbers = new Numbers(rnd.split());
        List<OrdinaryActor> base = new ArrayList<>(config.subscribers());
        for (int i = 0; i < config.subscribers(); i++) {
            base.add(new OrdinaryActor(rnd.split(), factory, numbers, numbers.identity(i),
                    config.startMillis(), config.endMillis()));
        }
        Script script = new Script(rnd.split(), factory, numbers, config.startMillis(), config.endMillis(), base);
        List<OrdinaryActor> extra = new ArrayList<>();
        int n = config.incidentsPerKind();
        if (unseen) {
            UnseenScenarios.run(script, n, extra);
        } else {
            tuned(script, n, extra);
        }
        this.labels = Collections.unmodifiableList(new ArrayList<>(script.labels));
        this.actors = new ArrayList<>(base);
        this.actors.addAll(extra);
        this.actors.addAll(script.actors);
    }

    /** Salt of the unseen family's random stream. */
    private static final long UNSEEN_SEED_SALT = 0x5EED_0F_F00DL;

    /** The family the rules and the shipped model were built on: keep it byte-for-byte as it is. */
    private static void tuned(Script script, int n, List<OrdinaryActor> extra) {
        FraudScenarios frauds = new FraudScenarios(script);
        LookalikeScenarios lookalikes = new LookalikeScenarios(script, frauds);
        List<Runnable> kinds = List.of(frauds::wangiri, frauds::irsf, frauds::simbox, frauds::pbxHacking,
                frauds::simSwap, frauds::smsPumping, frauds::roaming, frauds::subscription, frauds::simCloning,
                frauds::ss7, frauds::diameter, frauds::callForward, frauds::cliSpoofing,
                lookalikes::foreignRelative, lookalikes::familyAbroad, lookalikes::businessInternational,
                lookalikes::callCentre, lookalikes::enterprisePbx, lookalikes::sipScanner, lookalikes::honestSimSwap,
                lookalikes::phoneReplaced, lookalikes::honestForwarding, () -> extra.add(lookalikes.newSubscriber()),
                lookalikes::traveller, lookalikes::foreignSmsc, lookalikes::a2pSender);
        for (Runnable kind : kinds) {
            int count = n + script.rnd.nextInt(n / 2 + 1);
            for (int i = 0; i < count; i++) {
                kind.run();
            }
        }
        for (int i = 0; i < 5 * n; i++) {
            lookalikes.foreignSmsc();
        }
    }

    public SimulationConfig config() {
        return config;
    }

    public List<Label> labels() {
        return labels;
    }

    /** Streams the events in timestamp order. Each simulator instance streams once. */
    @Override
    public Iterator<TelecomEvent> iterator() {
        PriorityQueue<Actor> queue = new PriorityQueue<>(
                (x, y) -> Actor.BY_TIME.compare(x.peek(), y.peek()));
        long end = config.endMillis();
        for (Actor a : actors) {
            if (a.peek() != null) {
                queue.add(a);
            }
        }
        return new Iterator<>() {
            private TelecomEvent next = advance();

            private TelecomEvent advance() {
                while (!queue.isEmpty()) {
                    Actor a = queue.poll();
                    TelecomEvent e = a.poll();
                    if (a.peek() != null) {
                        queue.add(a);
                    }
                    if (e != null && e.getTimestampMillis() >= config.startMillis() && e.getTimestampMillis() < end) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public TelecomEvent next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                TelecomEvent e = next;
                next = advance();
                return e;
            }
        };
    }

    public void forEachEvent(Consumer<TelecomEvent> sink) {
        iterator().forEachRemaining(sink);
    }
}
