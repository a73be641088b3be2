package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingSeriesTest {
    @Test
    void countsAndMarksFollowAReferenceMapThroughManyAddsAndRemoves() {
        PendingSeries pending = new PendingSeries();
        Map<Tags, Integer> rows = new HashMap<>();
        Map<Tags, PendingSeries.Mark> marks = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            Tags t = Tags.of("customer_id", "c" + random.nextInt(3_000));
            int action = random.nextInt(10);
            if (action < 5) {
                pending.add(t);
                rows.merge(t, 1, Integer::sum);
                marks.putIfAbsent(t, PendingSeries.Mark.UNCHECKED);
            } else if (action < 9) {
                pending.remove(t);
                if (rows.containsKey(t) && rows.merge(t, -1, Integer::sum) == 0) {
                    rows.remove(t);
                    marks.remove(t);
                }
            } else {
                PendingSeries.Mark mark = random.nextBoolean() ? PendingSeries.Mark.STORED : PendingSeries.Mark.NEW;
                pending.mark(t, mark);
                if (marks.get(t) == PendingSeries.Mark.UNCHECKED) {
                    marks.put(t, mark);
                }
            }
        }
        for (int c = 0; c < 3_000; c++) {
            Tags t = Tags.of("customer_id", "c" + c);
            assertEquals(marks.get(t), pending.markOf(t), t.toString());
        }
        long storedMarks = marks.values().stream().filter(m -> m == PendingSeries.Mark.STORED).count();
        long newMarks = marks.values().stream().filter(m -> m == PendingSeries.Mark.NEW).count();
        assertEquals(rows.size() - storedMarks, pending.possiblyNew());
        assertEquals(newMarks, pending.markedNew());
        Set<Tags> unchecked = new HashSet<>();
        marks.forEach((t, m) -> {
            if (m == PendingSeries.Mark.UNCHECKED) {
                unchecked.add(t);
            }
        });
        assertEquals(unchecked, pending.unchecked());
    }

    @Test
    void aSeriesLeavesWithItsLastRow() {
        PendingSeries pending = new PendingSeries();
        Tags a = Tags.of("host", "a");
        pending.add(a);
        pending.add(a);
        pending.mark(a, PendingSeries.Mark.NEW);
        pending.remove(a);
        assertEquals(PendingSeries.Mark.NEW, pending.markOf(a));
        pending.remove(a);
        assertNull(pending.markOf(a));
        assertTrue(pending.isEmpty());
        assertEquals(0, pending.markedNew());
        pending.remove(a);
        assertTrue(pending.isEmpty());
    }
}
