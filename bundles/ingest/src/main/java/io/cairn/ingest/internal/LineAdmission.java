package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;

/** The store-backed checks a parsed line must pass before it is added: stored field types and series limits. */
interface LineAdmission {
    /** Admits everything (no store bound, or tests of the parser alone). */
    LineAdmission NONE = new LineAdmission() {
        @Override
        public FieldType storedType(String measurement, String field) {
            return null;
        }

        @Override
        public ItemError admit(String measurement, Tags tags) {
            return null;
        }
    };

    /** Returns the type the store holds for a field, or null when it holds none. */
    FieldType storedType(String measurement, String field);

    /** Admits a series (counting it from now on), or returns why not. */
    ItemError admit(String measurement, Tags tags);

    /** Called once the admitted rows were written: passes on what admission learnt about their series. */
    default void written() {
    }
}
