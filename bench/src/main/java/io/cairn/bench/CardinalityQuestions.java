package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The parameters of the timed questions, drawn once so every target is asked the same: customers active in the last
 * step (one per one-customer run) and 6-character {@code customer_id} prefixes {@code cust_N} (one per autocomplete).
 */
record CardinalityQuestions(List<String> customers, List<String> prefixes) {

    static CardinalityQuestions draw(CardinalityWorkload workload, int runs, long seed) {
        Random random = new Random(seed);
        List<String> customers = new ArrayList<>(runs);
        List<String> prefixes = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            customers.add(workload.activeCustomer(random.nextInt()));
            prefixes.add("cust_" + (1 + random.nextInt(9)));
        }
        return new CardinalityQuestions(List.copyOf(customers), List.copyOf(prefixes));
    }
}
