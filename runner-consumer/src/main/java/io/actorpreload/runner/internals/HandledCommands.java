package io.actorpreload.runner.internals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (actorId, generation) pairs handled most recently, at most {@code capacity} of them (the
 * oldest is forgotten first), so a redelivered command can be skipped in bounded memory.
 * Not thread-safe: used by the consumer thread only.
 */
public final class HandledCommands {
    private record Key(String actorId, long generation) {}

    private final Map<Key, Boolean> recent;

    public HandledCommands(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1. Got: " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when this pair was handled and not yet forgotten. */
    public boolean contains(String actorId, long generation) {
        return recent.containsKey(new Key(actorId, generation));
    }

    /** Remembers a handled pair. */
    public void add(String actorId, long generation) {
        recent.put(new Key(actorId, generation), Boolean.TRUE);
    }

    public int size() {
        return recent.size();
    }
}
