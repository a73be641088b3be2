package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cairn.api.model.Tags;
import org.junit.jupiter.api.Test;

class TagSetInternerTest {

    @Test
    void equalTagSetsBecomeOneInstanceAndAFullInternerStartsOver() {
        TagSetInterner interner = new TagSetInterner(2);
        Tags first = interner.intern(Tags.of("host", "a"));
        assertSame(first, interner.intern(Tags.of("host", "a")));
        Tags other = interner.intern(Tags.of("host", "b"));
        assertEquals(Tags.of("host", "b"), other);
        Tags third = Tags.of("host", "c");
        assertSame(third, interner.intern(third));
        assertSame(third, interner.intern(Tags.of("host", "c")));
        Tags again = Tags.of("host", "a");
        assertSame(again, interner.intern(again));
    }
}
