package io.ringfence.reference;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the live reference data and the number intelligence built on it. {@link #reload()} reads the
 * files again and swaps both in one step; if the new files do not load, the running snapshot stays
 * and the error is thrown to the caller.
 */
public final class ReferenceDataRepository {
    private final ReferenceDataLoader loader;
    private final AtomicReference<NumberIntel> current;

    public ReferenceDataRepository(ReferenceDataLoader loader) {
        this.loader = loader;
        this.current = new AtomicReference<>(new NumberIntel(loader.load()));
    }

    public ReferenceData current() {
        return current.get().data();
    }

    public NumberIntel intel() {
        return current.get();
    }

    public ReferenceData reload() {
        NumberIntel fresh = new NumberIntel(loader.load());
        current.set(fresh);
        return fresh.data();
    }
}
