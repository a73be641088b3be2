package io.cairn.enterprise.rbac.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowFilterParserTest {
    @Test
    void anEqualityIsOnePredicateWithOneValue() {
        RowFilter filter = RowFilterParser.parse("env = 'production'");
        assertEquals(List.of(List.of(new TagPredicate("env", Set.of("production")))), filter.alternatives());
        assertTrue(filter.matches(Tags.of("env", "production", "host", "a")));
        assertFalse(filter.matches(Tags.of("env", "staging")));
    }

    @Test
    void inAndAndMakeAConjunction() {
        RowFilter filter = RowFilterParser.parse("region IN ('eu','us') AND env = 'prod'");
        assertEquals(List.of(List.of(new TagPredicate("region", Set.of("eu", "us")), new TagPredicate("env", Set.of("prod")))),
                filter.alternatives());
        assertTrue(filter.matches(Tags.of("region", "us", "env", "prod")));
        assertFalse(filter.matches(Tags.of("region", "asia", "env", "prod")));
        assertFalse(filter.matches(Tags.of("region", "eu", "env", "dev")));
    }

    @Test
    void keywordsInAnyCaseSpacingAndQuotesInsideValuesAndKeys() {
        RowFilter filter = RowFilterParser.parse("  \"data center\"='o''hare'and\tzone in('a' ,'b')  ");
        assertEquals(List.of(List.of(new TagPredicate("data center", Set.of("o'hare")), new TagPredicate("zone", Set.of("a", "b")))),
                filter.alternatives());
        assertEquals(List.of(new TagPredicate("host.name-1", Set.of("x"))),
                RowFilterParser.parse("host.name-1='x'").alternatives().get(0));
    }

    @Test
    void blankIsEveryRow() {
        assertTrue(RowFilterParser.parse("   ").isAll());
        assertTrue(RowFilterParser.parse(null).isAll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "env =", "env = production", "env = 'prod", "env = ''", "= 'x'", "env == 'x'",
        "env = 'a' OR env = 'b'", "env = 'a' AND", "env IN ()", "env IN ('a'", "env IN ('a' 'b')", "env IN 'a'",
        "env = 'a' env = 'b'", "1env = 'a'", "\"\" = 'a'", "envIN ('a')", "env = 'a'; DROP"})
    void badFiltersAreRefusedWithTheirPosition(String text) {
        RbacException e = assertThrows(RbacException.class, () -> RowFilterParser.parse(text));
        assertEquals(400, e.status());
        assertEquals("INVALID_ROW_FILTER", e.code());
        assertEquals("row_filter", e.details().get("field"));
        assertTrue(e.details().get("position") instanceof Integer p && p >= 0 && p <= text.length(), e.getMessage());
    }

    @Test
    void theMistakeIsNamedWhereItIs() {
        RbacException e = assertThrows(RbacException.class, () -> RowFilterParser.parse("env = 'a' OR host = 'b'"));
        assertEquals(10, e.details().get("position"));
        assertTrue(e.getMessage().contains("expected AND"), e.getMessage());
    }

    @Test
    void aVeryLongFilterIsRefused() {
        String text = "k IN (" + "'v',".repeat(2000) + "'v')";
        assertEquals("INVALID_ROW_FILTER", assertThrows(RbacException.class, () -> RowFilterParser.parse(text)).code());
    }
}
