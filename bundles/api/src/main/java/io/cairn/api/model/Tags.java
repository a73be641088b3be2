package io.cairn.api.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of tags (string key/value pairs) sorted by key: with a measurement it
 * identifies a series. Keys are unique; equal tag sets are equal objects with equal hash codes.
 * Instances are thread safe.
 */
public final class Tags implements Comparable<Tags> {
    /** The tag set without tags. */
    public static final Tags EMPTY = new Tags(new String[0]);

    private final String[] pairs;
    private final int hash;

    private Tags(String[] pairs) {
        this.pairs = pairs;
        this.hash = Arrays.hashCode(pairs);
    }

    /**
     * Returns the tag set of the given map. A later duplicate key cannot occur in a map; null
     * keys or values are rejected.
     *
     * @throws NullPointerException if a key or value is null
     */
    public static Tags of(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> sorted = new TreeMap<>(tags);
        String[] pairs = new String[sorted.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            pairs[i++] = requireText(e.getKey());
            pairs[i++] = requireText(e.getValue());
        }
        return new Tags(pairs);
    }

    /**
     * Returns the tag set of alternating keys and values; when a key repeats, its last value wins
     * (as in InfluxDB line protocol).
     *
     * @throws IllegalArgumentException if the number of arguments is odd
     */
    public static Tags of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags need a value for every key");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(requireText(keysAndValues[i]), requireText(keysAndValues[i + 1]));
        }
        return of(map);
    }

    private static String requireText(String s) {
        if (s == null) {
            throw new NullPointerException("tag keys and values must not be null");
        }
        return s;
    }

    /** Returns the number of tags. */
    public int size() {
        return pairs.length / 2;
    }

    /** Returns the key at a position in key order, 0 ≤ i &lt; {@link #size()}. */
    public String key(int i) {
        return pairs[2 * i];
    }

    /** Returns the value at a position in key order, 0 ≤ i &lt; {@link #size()}. */
    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** Returns the value of a key, or null when the key is absent. */
    public String get(String key) {
        for (int i = 0; i < pairs.length; i += 2) {
            int c = pairs[i].compareTo(key);
            if (c == 0) {
                return pairs[i + 1];
            }
            if (c > 0) {
                return null;
            }
        }
        return null;
    }

    /** Returns the sub-set of these tags whose keys are named; absent keys are left out. */
    public Tags select(Collection<String> keys) {
        if (keys.isEmpty()) {
            return EMPTY;
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (keys.contains(pairs[i])) {
                kept.add(pairs[i]);
                kept.add(pairs[i + 1]);
            }
        }
        return kept.size() == pairs.length ? this : new Tags(kept.toArray(new String[0]));
    }

    /** Returns the tags as an unmodifiable map sorted by key. */
    public Map<String, String> toMap() {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public int compareTo(Tags o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tags t && hash == t.hash && Arrays.equals(pairs, t.pairs);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(pairs[i]).append('=').append(pairs[i + 1]);
        }
        return sb.append('}').toString();
    }
}
