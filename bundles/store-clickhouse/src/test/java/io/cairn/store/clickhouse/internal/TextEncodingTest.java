package io.cairn.store.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncodingTest {
    @Test
    void literalsAndIdentifiersEscapeEverythingThatCouldEndThem() {
        assertEquals("'it\\'s'", SqlText.literal("it's"));
        assertEquals("'a\\\\b'", SqlText.literal("a\\b"));
        assertEquals("'x\\ny\\tz\\r\\0'", SqlText.literal("x\ny\tz\r\0"));
        assertEquals("'\\'); DROP TABLE t; --'", SqlText.literal("'); DROP TABLE t; --"));
        assertEquals("'\\x01\\x7F'", SqlText.literal("\u0001\u007f"));
        assertEquals("'é😀'", SqlText.literal("é😀"));
        assertEquals("`a\\`b`", SqlText.identifier("a`b"));
        assertEquals("`t\\\\x\\'`", SqlText.identifier("t\\x'"));
        assertThrows(IllegalArgumentException.class, () -> SqlText.identifier(""));
        assertEquals("('a', 'b\\'')", SqlText.literalList(List.of("a", "b'")));
    }

    @Test
    void tabSeparatedFieldsAreUnescaped() {
        assertArrayEquals(new String[] {"a\\b", "c\td", "e\nf", "g'h", ""}, TsvFields.split("a\\\\b\tc\\td\te\\nf\tg\\'h\t"));
        assertArrayEquals(new String[] {"x"}, TsvFields.split("x"));
    }

    @Test
    void tagColumnsDecodeBackToTheirKeys() {
        assertEquals("t_host", Names.tagColumn("host"));
        for (String key : List.of("host", "a b", "quo`te", "back\\slash", "new\nline", "é", "time", "x_41", "t_")) {
            assertEquals(key, Names.tagKey(Names.tagColumn(key)), key);
        }
        assertNull(Names.tagKey("series"));
        assertThrows(IllegalArgumentException.class, () -> Names.tagColumn("é".repeat(60)));
    }

    @Test
    void seriesKeysDecodeBackToTheirTags() {
        for (Tags tags : List.of(Tags.EMPTY, Tags.of("host", "a"), Tags.of("a", "x=y,z", "b\\", "\\", "c", ""),
                Tags.of("k=", ",v", "new\nline", "tab\t"))) {
            assertEquals(tags, Names.tagsOf(Names.seriesKey(tags)), tags.toString());
        }
        assertNotEquals(Names.seriesKey(Tags.of("a", "b,c=d")), Names.seriesKey(Tags.of("a", "b", "c", "d")));
    }

    @Test
    void tableNamesAreStableReadableAndDistinct() {
        String t = Names.table("default", "cpu");
        assertEquals(t, Names.table("default", "cpu"));
        assertTrue(t.startsWith("m_default_cpu_"), t);
        assertNotEquals(Names.table("a_b", "c"), Names.table("a", "b_c"));
        assertFalse(Names.table("d", "x'; DROP").contains("'"));
        assertTrue(Names.table("d", "m".repeat(500)).length() < 80);
    }

    @Test
    void settingsFallBackToFrameworkPropertiesThenDefaults() {
        ClickHouseStore.Config config = new ClickHouseStore.Config() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ClickHouseStore.Config.class;
            }

            public String url() {
                return "";
            }

            public String database() {
                return "configured";
            }

            public String user() {
                return "";
            }

            public String password() {
                return "s3cret";
            }

            public long connect_timeout_ms() {
                return 1;
            }

            public long socket_timeout_ms() {
                return 2;
            }

            public int batch_size() {
                return 3;
            }

            public String partition_by() {
                return "month";
            }

            public int compact_quiet_s() {
                return 2;
            }

            public boolean shared_database() {
                return false;
            }
        };
        ClickHouseSettings s = ClickHouseSettings.resolve(config,
                p -> p.equals("cairn.clickhouse.url") ? "http://h1:8123, http://h2:8123" : p.equals("cairn.clickhouse.database") ? "ignored" : null);
        assertEquals(List.of("http://h1:8123", "http://h2:8123"), s.urls());
        assertEquals("configured", s.database());
        assertEquals("default", s.user());
        assertTrue(s.partitionByMonth());
        assertEquals(ClickHouseSettings.DEFAULT_URL, ClickHouseSettings.resolve(config, p -> null).urls().get(0));
        assertEquals("s3cret", s.password());
        assertFalse(s.toString().contains("s3cret"));
        assertFalse(s.sharedDatabase(), "one writing node unless told otherwise");
        assertTrue(ClickHouseSettings.resolve(config, p -> p.equals("cairn.clickhouse.shared") ? "true" : null)
                .sharedDatabase(), "CAIRN_CLICKHOUSE_SHARED=true reaches the store as cairn.clickhouse.shared");
    }
}
