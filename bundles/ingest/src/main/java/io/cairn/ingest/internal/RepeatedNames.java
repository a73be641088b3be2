package io.cairn.ingest.internal;

import java.nio.charset.StandardCharsets;

/**
 * Plain ASCII names decoded before (measurements, tag values), shared by every request: a direct-mapped table, so
 * that a value repeated across series and requests (an endpoint, a region, a status code) is one String in the write
 * buffer rather than one per series, while a value met once (a customer id) only takes over a slot. Lookups cost a
 * hash and a comparison and never allocate; a miss allocates the String the caller needed anyway. Thread safe: a
 * slot holds an immutable String, written and read without locks.
 */
final class RepeatedNames {
    /** Longest name kept: tag values and measurements, not long texts. */
    static final int MAX_LENGTH = 64;

    private final String[] slots;
    private final int mask;

    /** Creates a table of {@code slots} slots, rounded up to a power of two. */
    RepeatedNames(int slots) {
        int size = Integer.highestOneBit(Math.max(16, slots - 1)) << 1;
        this.slots = new String[size];
        this.mask = size - 1;
    }

    /** Returns the String of the plain ASCII bytes {@code [from, from + len)}: a shared one when it is known. */
    String get(byte[] b, int from, int len) {
        if (len > MAX_LENGTH) {
            return new String(b, from, len, StandardCharsets.ISO_8859_1);
        }
        int slot = ByteRangeCache.hash(b, from, len) & mask;
        String known = slots[slot];
        if (known != null && holds(known, b, from, len)) {
            return known;
        }
        String s = new String(b, from, len, StandardCharsets.ISO_8859_1);
        slots[slot] = s;
        return s;
    }

    private static boolean holds(String s, byte[] b, int from, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }
}
