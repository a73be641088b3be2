package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields a scan reads, each at a slot: first the requested ones that exist (its output columns, in request
 * order), then those only its field predicates name; with the predicates' {@link RowFilter}, null when none.
 *
 * @param names the field of each slot
 * @param types the type of each slot
 * @param outputs how many leading slots are output columns
 * @param filter the field predicates by slot, null when the scan has none
 * @param impossible whether a predicate names a field without numeric values, so no row can meet it
 */
record ScanFields(List<String> names, List<FieldType> types, int outputs, RowFilter filter, boolean impossible) {
    /** Returns the fields of a request over a measurement's known fields. */
    static ScanFields of(ScanRequest request, Map<String, FieldType> known) {
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        for (String field : request.fields().isEmpty() ? known.keySet() : request.fields()) {
            if (known.containsKey(field) && !names.contains(field)) {
                names.add(field);
                types.add(known.get(field));
            }
        }
        int outputs = names.size();
        if (request.fieldPredicates().isEmpty()) {
            return new ScanFields(names, types, outputs, null, false);
        }
        boolean impossible = false;
        List<Integer> slots = new ArrayList<>();
        List<List<FieldPredicate>> tests = new ArrayList<>();
        for (FieldPredicate p : request.fieldPredicates()) {
            FieldType type = known.get(p.field());
            if (type == null || !type.isNumeric()) {
                impossible = true;
                continue;
            }
            int slot = names.indexOf(p.field());
            if (slot < 0) {
                slot = names.size();
                names.add(p.field());
                types.add(type);
            }
            int k = slots.indexOf(slot);
            if (k < 0) {
                k = slots.size();
                slots.add(slot);
                tests.add(new ArrayList<>());
            }
            tests.get(k).add(p);
        }
        FieldPredicate[][] byField = new FieldPredicate[tests.size()][];
        for (int k = 0; k < byField.length; k++) {
            byField[k] = tests.get(k).toArray(new FieldPredicate[0]);
        }
        RowFilter filter = new RowFilter(slots.stream().mapToInt(Integer::intValue).toArray(), byField);
        return new ScanFields(names, types, outputs, filter, impossible);
    }

    /** Returns the number of slots. */
    int slots() {
        return names.size();
    }

    /** Returns the output fields' names. */
    List<String> outputNames() {
        return names.subList(0, outputs);
    }

    /** Returns the output fields' types. */
    List<FieldType> outputTypes() {
        return types.subList(0, outputs);
    }
}
