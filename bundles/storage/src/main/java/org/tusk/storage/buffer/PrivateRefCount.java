package org.tusk.storage.buffer;

import java.util.HashMap;
import java.util.Map;

/**
 * How many times this backend has pinned each buffer (PostgreSQL's PrivateRefCount). The shared pin
 * count only counts backends: a backend's first pin of a buffer touches the shared state word, further
 * pins and all but the last unpin stay here and cost no atomic operation.
 *
 * <p>A backend rarely holds more than a few pins at once, so the counts live in a small array scanned
 * linearly, with a hash map for overflow, instead of an int per shared buffer (which would cost
 * shared_buffers x 4 bytes per backend).
 */
final class PrivateRefCount {

    private static final int SLOTS = 8;

    private final int[] buffers = new int[SLOTS];
    private final int[] counts = new int[SLOTS];
    private final Map<Integer, Integer> overflow = new HashMap<>();

    PrivateRefCount() {
        java.util.Arrays.fill(buffers, -1);
    }

    int get(int buffer) {
        for (int i = 0; i < SLOTS; i++) {
            if (buffers[i] == buffer) {
                return counts[i];
            }
        }
        return overflow.isEmpty() ? 0 : overflow.getOrDefault(buffer, 0);
    }

    /** Adds one pin; returns the new count. */
    int increment(int buffer) {
        int free = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (buffers[i] == buffer) {
                return ++counts[i];
            }
            if (buffers[i] < 0 && free < 0) {
                free = i;
            }
        }
        Integer spilled = overflow.isEmpty() ? null : overflow.get(buffer);
        if (spilled != null) {
            overflow.put(buffer, spilled + 1);
            return spilled + 1;
        }
        if (free >= 0) {
            buffers[free] = buffer;
            counts[free] = 1;
        } else {
            overflow.put(buffer, 1);
        }
        return 1;
    }

    /** Removes one pin; returns the new count (0: the backend no longer pins the buffer). */
    int decrement(int buffer) {
        for (int i = 0; i < SLOTS; i++) {
            if (buffers[i] == buffer) {
                int left = --counts[i];
                if (left == 0) {
                    buffers[i] = -1;
                }
                return left;
            }
        }
        Integer spilled = overflow.get(buffer);
        if (spilled == null) {
            throw new IllegalStateException("buffer " + buffer + " is not pinned by this backend");
        }
        if (spilled == 1) {
            overflow.remove(buffer);
            return 0;
        }
        overflow.put(buffer, spilled - 1);
        return spilled - 1;
    }

    /** Every buffer pinned now, for releasing them all at transaction abort. */
    int[] pinned() {
        int[] result = new int[SLOTS + overflow.size()];
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (buffers[i] >= 0) {
                result[n++] = buffers[i];
            }
        }
        for (int buffer : overflow.keySet()) {
            result[n++] = buffer;
        }
        return java.util.Arrays.copyOf(result, n);
    }
}
