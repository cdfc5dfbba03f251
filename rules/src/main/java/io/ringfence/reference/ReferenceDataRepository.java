package io.ringfence.reference;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the live reference data, the number intelligence built on it and the lists' text it came from, swapped
 * together in one step: by {@link #reload()} from the loader's folder, or by {@link #put} when a reference-data
 * change goes live. A snapshot that does not load never replaces the running one.
 */
public final class ReferenceDataRepository {
    /** One consistent state: what the rules look numbers up in, and the files an analyst reads and edits. */
    private record Snapshot(NumberIntel intel, ReferenceFiles files) {
    }

    private final ReferenceDataLoader loader;
    private final NumberLookups lookups;
    private final Snapshot base;
    private final AtomicReference<Snapshot> current;

    public ReferenceDataRepository(ReferenceDataLoader loader) {
        this(loader, NumberLookups.NONE);
    }

    /** With a number-intelligence service's answers beside the lists; they outlive every change of lists. */
    public ReferenceDataRepository(ReferenceDataLoader loader, NumberLookups lookups) {
        this(loader, lookups, read(loader, lookups));
    }

    private ReferenceDataRepository(ReferenceDataLoader loader, NumberLookups lookups, Snapshot base) {
        this.loader = loader;
        this.lookups = lookups;
        this.base = base;
        this.current = new AtomicReference<>(base);
    }

    /**
     * Lists that stay as given (a backtest side, which must not switch lists half-way through its range when a
     * change goes live); {@link #reload()} refuses. No lookup service: what it answers depends on when it was
     * asked, and a side must give the same answers each time it runs.
     */
    public static ReferenceDataRepository fixed(ReferenceData data, ReferenceFiles files) {
        return new ReferenceDataRepository(null, NumberLookups.NONE, new Snapshot(new NumberIntel(data), files));
    }

    private static Snapshot read(ReferenceDataLoader loader, NumberLookups lookups) {
        ReferenceFiles files = loader.files();
        return new Snapshot(new NumberIntel(ReferenceDataLoader.parse(files, loader.network(), loader.where()), lookups),
                files);
    }

    public ReferenceData current() {
        return current.get().intel().data();
    }

    public NumberIntel intel() {
        return current.get().intel();
    }

    /** The text of the lists in force. */
    public ReferenceFiles files() {
        return current.get().files();
    }

    /** What this instance started with (the shipped lists or the configured folder): what a rollback returns to. */
    public ReferenceData base() {
        return base.intel().data();
    }

    public ReferenceFiles baseFiles() {
        return base.files();
    }

    /** The network profile the lists are read against; a change of lists keeps it. */
    public NetworkProfile network() {
        return base.intel().data().network();
    }

    /** Checks the lists against this instance's network profile without putting them live. */
    public ReferenceData check(ReferenceFiles files, String where) {
        return ReferenceDataLoader.parse(files, network(), where);
    }

    /** Puts checked lists live (the next event is enriched with them). */
    public void put(ReferenceData data, ReferenceFiles files) {
        current.set(new Snapshot(new NumberIntel(data, lookups), files));
    }

    public ReferenceData reload() {
        if (loader == null) {
            throw new IllegalStateException("these reference lists are fixed; there is nothing to reload them from");
        }
        Snapshot fresh = read(loader, lookups);
        current.set(fresh);
        return fresh.intel().data();
    }
}
