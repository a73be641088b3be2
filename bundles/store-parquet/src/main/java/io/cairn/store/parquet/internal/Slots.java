package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The fields a row carries, in slot order, with their types. Immutable. */
record Slots(List<String> names, List<FieldType> types) {
    Slots {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    static Slots of(Map<String, FieldType> fields) {
        return new Slots(new ArrayList<>(fields.keySet()), new ArrayList<>(fields.values()));
    }

    static Slots empty() {
        return new Slots(Collections.emptyList(), Collections.emptyList());
    }

    int size() {
        return names.size();
    }

    /** Returns the slot of a field, or -1. */
    int indexOf(String name) {
        return names.indexOf(name);
    }

    String name(int slot) {
        return names.get(slot);
    }

    FieldType type(int slot) {
        return types.get(slot);
    }
}
