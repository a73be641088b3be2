package io.cairn.ingest.internal;

import java.util.Arrays;

/**
 * The tag values of one row of a columnar item as a hash key, compared by identity first: the reader hands out
 * one String per distinct value, so a repeated tag set is found without comparing characters. The probe form
 * is reused row after row without allocating. Not thread safe.
 */
final class TagValuesKey {
    private final Object[] values;
    private int hash;

    private TagValuesKey(Object[] values, int hash) {
        this.values = values;
        this.hash = hash;
    }

    /** Returns a probe over an array the caller refills; call {@link #rehash()} after each refill. */
    static TagValuesKey probe(Object[] values) {
        return new TagValuesKey(values, 0);
    }

    /** Recomputes the hash after the values changed. */
    void rehash() {
        int h = 1;
        for (Object v : values) {
            h = 31 * h + v.hashCode();
        }
        hash = h;
    }

    /** Returns a key over values the caller no longer changes. */
    static TagValuesKey of(Object[] values) {
        TagValuesKey key = new TagValuesKey(values, 0);
        key.rehash();
        return key;
    }

    /** Returns a key holding a copy of the current values, to store in a map. */
    TagValuesKey copy() {
        return new TagValuesKey(values.clone(), hash);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TagValuesKey k) || k.hash != hash || k.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != k.values[i] && !values[i].equals(k.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
