package io.cairn.ingest.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * Tag keys and values already in strictly ascending key order, seen as a sorted map so that
 * {@link io.cairn.api.model.Tags#of(java.util.Map)} takes them in one pass: a {@link java.util.TreeMap} copies a
 * sorted map with its own ordering without comparing keys. Only iteration is supported.
 */
final class SortedTagPairs extends AbstractMap<String, String> implements SortedMap<String, String> {
    private final String[] pairs;
    private final int size;

    /** Views the first {@code size} key-value pairs of {@code pairs} (keys at even positions, ascending). */
    SortedTagPairs(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = 2 * next++;
                        return new SimpleImmutableEntry<>(pairs[i], pairs[i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public String firstKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return pairs[0];
    }

    @Override
    public String lastKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return pairs[2 * size - 2];
    }

    @Override
    public SortedMap<String, String> subMap(String fromKey, String toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, String> headMap(String toKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, String> tailMap(String fromKey) {
        throw new UnsupportedOperationException();
    }
}
