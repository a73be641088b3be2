package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Line protocol conformance: every rule of the format, valid and invalid. */
class LineProtocolParserTest {
    private static final long NOW = 1_780_000_000_123_456_789L;

    static LineProtocolParser parse(byte[] body, Precision precision, LineAdmission admission) {
        LineProtocolParser p = new LineProtocolParser("db", precision, NOW, ValidationLimits.defaults(), admission);
        try {
            p.parse(new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static LineProtocolParser parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, LineAdmission.NONE);
    }

    /** Parses one valid line and returns its single-row batch. */
    private static WriteBatch one(String line) {
        LineProtocolParser p = parse(line);
        assertEquals(List.of(), p.rejections(), line);
        assertEquals(1, p.builders().size(), line);
        WriteBatch b = p.builders().values().iterator().next().build();
        assertEquals(1, b.size());
        return b;
    }

    private static Object field(WriteBatch b, String name) {
        for (FieldColumn c : b.fields()) {
            if (c.name().equals(name)) {
                return c.valueAt(0);
            }
        }
        throw new AssertionError("no field " + name + " in " + b.fields());
    }

    private static LineRejection rejected(String body) {
        LineProtocolParser p = parse(body);
        assertEquals(1, p.rejections().size(), body + " → " + p.rejections());
        assertEquals(0, p.accepted());
        assertTrue(p.builders().values().stream().allMatch(x -> x.size() == 0), "nothing written");
        return p.rejections().get(0);
    }

    @Test
    void aFullLineGivesMeasurementTagsFieldsAndTime() {
        WriteBatch b = one("cpu,host=a,region=eu usage=1.5,count=3i,ok=true,msg=\"hi\" 1700000000000000000");
        assertEquals("db", b.database());
        assertEquals("cpu", b.measurement());
        assertEquals(Tags.of("host", "a", "region", "eu"), b.tags(0));
        assertEquals(1_700_000_000_000_000_000L, b.time(0));
        assertEquals(1.5, field(b, "usage"));
        assertEquals(3L, field(b, "count"));
        assertEquals(true, field(b, "ok"));
        assertEquals("hi", field(b, "msg"));
    }

    @Test
    void escapesInMeasurementTagsAndFieldKeys() {
        WriteBatch b = one("my\\ cpu\\,x,ho\\=st\\ k=v\\,a\\ l\\=ue\\\\,t2=a\\b fi\\ e\\,l\\=d=1 1");
        assertEquals("my cpu,x", b.measurement());
        assertEquals(Tags.of("ho=st k", "v,a l=ue\\", "t2", "a\\b"), b.tags(0));
        assertEquals(1.0, field(b, "fi e,l=d"));
    }

    @Test
    void anEqualsSignInAMeasurementIsLiteral() {
        assertEquals("a=b", one("a=b f=1").measurement());
    }

    @Test
    void quotedStringsKeepSpacesCommasAndEscapedQuotesAndBackslashes() {
        WriteBatch b = one("m s=\"a, b=c \\\"q\\\" back\\\\slash \\n\" 1");
        assertEquals("a, b=c \"q\" back\\slash \\n", field(b, "s"));
        assertEquals("", field(one("m s=\"\""), "s"));
        assertEquals("ünï €", field(one("m s=\"ünï €\""), "s"));
    }

    @ParameterizedTest
    @CsvSource({"1i,1", "-42i,-42", "0i,0", "-0i,0", "12345678i,12345678", "1234567890123456i,1234567890123456",
        "123456789012345678i,123456789012345678",
        "-1234567890123456789i,-1234567890123456789", "9223372036854775807i,9223372036854775807",
        "-9223372036854775808i,-9223372036854775808", "0u,0", "9223372036854775807u,9223372036854775807"})
    void integersAndUnsignedAreStoredAsInteger(String literal, long expected) {
        WriteBatch b = one("m f=" + literal);
        assertEquals(FieldType.INTEGER, b.fields().get(0).type());
        assertEquals(expected, field(b, "f"));
    }

    @ParameterizedTest
    @CsvSource({"1,1.0", "-1.5,-1.5", "1e3,1000.0", "1.5E-3,0.0015", "-2.5e+2,-250.0", ".5,0.5", "5.,5.0",
        "+3,3.0", "1.7976931348623157e308,1.7976931348623157e308", "123.4,123.4", "0.1,0.1", "-0.0,-0.0",
        "1e22,1e22", "1e23,1e23", "123456789012345e7,1.23456789012345e21", "9007199254740993,9007199254740992",
        "4.9e-324,4.9e-324", "1e-23,1e-23"})
    void floatsIncludingExponents(String literal, double expected) {
        WriteBatch b = one("m f=" + literal);
        assertEquals(FieldType.FLOAT, b.fields().get(0).type());
        assertEquals(expected, field(b, "f"));
    }

    @ParameterizedTest
    @CsvSource({"t,true", "T,true", "true,true", "True,true", "TRUE,true",
        "f,false", "F,false", "false,false", "False,false", "FALSE,false"})
    void everyBooleanSpelling(String literal, boolean expected) {
        assertEquals(expected, field(one("m b=" + literal), "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tRUE", "yes", "abc", "1x", "1.2.3", "1e", "e5", "--1", "NaN", "Inf", "0x10", "1_000",
        "1d", "truee", "12i3", "1ii", "-i", "1i\"x\""})
    void otherBareValuesAreRejected(String literal) {
        LineRejection r = rejected("m f=" + literal);
        assertEquals(1, r.line());
        assertEquals(LineRejection.INVALID_VALUE, r.code());
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808i,outside the 64-bit", "-9223372036854775809i,outside the 64-bit",
        "18446744073709551615u,larger than 9223372036854775807", "9223372036854775808u,larger than 9223372036854775807",
        "-1u,negative unsigned", "1.5i,not an integer", "12345a78i,not an integer",
        "1234567890123456a89i,not an integer", "i,no digits", "1e400,out of the float range"})
    void numbersOutOfRangeAreRejectedClearly(String literal, String reason) {
        LineRejection r = rejected("m f=" + literal);
        assertEquals(LineRejection.INVALID_VALUE, r.code());
        assertTrue(r.message().contains(reason), r.message());
    }

    @Test
    void missingTimestampIsTheServerTimeAtRequestStart() {
        assertEquals(NOW, one("m f=1").time(0));
        assertEquals(NOW, one("m f=1 ").time(0));
    }

    @ParameterizedTest
    @CsvSource({"NANOSECONDS,1700000000,1700000000", "MICROSECONDS,1700000000,1700000000000",
        "MILLISECONDS,1700000000,1700000000000000", "SECONDS,1700000000,1700000000000000000",
        "SECONDS,-1,-1000000000", "NANOSECONDS,-9223372036854775808,-9223372036854775808",
        "SECONDS,9223372036,9223372036000000000"})
    void precisionScalesTimestampsAndPre1970IsAccepted(Precision precision, long raw, long nanos) {
        LineProtocolParser p = parse(("m f=1 " + raw).getBytes(StandardCharsets.UTF_8), precision, LineAdmission.NONE);
        assertEquals(List.of(), p.rejections());
        assertEquals(nanos, p.builders().get("m").build().time(0));
    }

    @ParameterizedTest
    @CsvSource({"SECONDS,9223372037", "MILLISECONDS,-9223372036855", "NANOSECONDS,9223372036854775808",
        "MICROSECONDS,99999999999999999"})
    void timestampsOutsideInt64NanosAreRejected(Precision precision, String raw) {
        LineProtocolParser p = parse(("m f=1 " + raw).getBytes(StandardCharsets.UTF_8), precision, LineAdmission.NONE);
        assertEquals(1, p.rejections().size());
        assertEquals(LineRejection.INVALID_TIMESTAMP, p.rejections().get(0).code());
    }

    @Test
    void precisionNames() {
        assertEquals(Precision.NANOSECONDS, Precision.of(null));
        assertEquals(Precision.NANOSECONDS, Precision.of("ns"));
        assertEquals(Precision.MICROSECONDS, Precision.of("us"));
        assertEquals(Precision.MICROSECONDS, Precision.of("u"));
        assertEquals(Precision.MILLISECONDS, Precision.of("ms"));
        assertEquals(Precision.SECONDS, Precision.of("s"));
        assertEquals(null, Precision.of("weeks"));
    }

    @Test
    void crlfBlankLinesCommentsAndIndentationAreHandled() {
        LineProtocolParser p = parse("# a comment\r\n\r\nm f=1i 1\r\n   \n  m f=2i 2\r\n#m f=3i 3\n\nm f=4i 4");
        assertEquals(List.of(), p.rejections());
        WriteBatch b = p.builders().get("m").build();
        assertEquals(3, b.size());
        assertEquals(4L, b.fields().get(0).valueAt(2));
        assertEquals(4L, b.time(2));
    }

    @Test
    void duplicateTagsLastWinsAndDuplicateFieldsLastWins() {
        WriteBatch b = one("m,a=1,b=2,a=3 f=1,f=2");
        assertEquals(Tags.of("a", "3", "b", "2"), b.tags(0));
        assertEquals(2.0, field(b, "f"));
    }

    @Test
    void tagsInAnyOrderWithOrWithoutRepeatsGiveTheSameTagSet() {
        LineProtocolParser p = parse("m,a=1,b=2,c=3 f=1 1\nm,c=3,a=1,b=2 f=1 2\nm,a=1,c=9,b=2,c=3 f=1 3\n"
                + "m,b=2,a=1,c=3 f=1 4\nm,a=1,a=1,b=2,c=3 f=1 5");
        WriteBatch b = p.builders().get("m").build();
        assertEquals(5, b.size());
        assertEquals(List.of(Tags.of("a", "1", "b", "2", "c", "3")), b.series());
    }

    @Test
    void tagKeysRepeatingThePreviousLineAreDecodedTheSame() {
        LineProtocolParser p = parse("m,a\\ b=1,c=2 f=1 1\nm,a\\ b=3,c=4 f=1 2\nm,a=5,cc=6 f=1 3\n"
                + "m,a\\ b=7,c=\u0001 f=1 4\nm,a\\ b=8,c=\u00e9t\u00e9 f=1 5\nm,a\\ b=,c=1 f=1 6");
        assertEquals(List.of(
                new LineRejection(4, LineRejection.INVALID_NAME, "value of tag 'c' contains the control character 0x1"),
                new LineRejection(6, LineRejection.INVALID_NAME, "value of tag 'a b' is empty")), p.rejections());
        WriteBatch b = p.builders().get("m").build();
        assertEquals(List.of(Tags.of("a b", "1", "c", "2"), Tags.of("a b", "3", "c", "4"), Tags.of("a", "5", "cc", "6"),
                Tags.of("a b", "8", "c", "\u00e9t\u00e9")), b.series());
    }

    @Test
    void fieldKeysRepeatingThePreviousLineKeepTheirSlotsAndDuplicatesLastWins() {
        LineProtocolParser p = parse("m a=1i,b=2i 1\nm a=3i,b=4i,a=5i 2\nm a=6i,a=7i 3\nm a=8i,a=9i 4\n"
                + "m a=1i,b=x 5\nm a=10i,b=11i 6\nm b=12i,a=13i 7");
        assertEquals(1, p.rejections().size());
        WriteBatch b = p.builders().get("m").build();
        assertEquals(6, b.size());
        assertEquals(List.of("a", "b"), b.fields().stream().map(FieldColumn::name).toList());
        FieldColumn a = b.fields().get(0);
        FieldColumn bee = b.fields().get(1);
        assertEquals(List.of(1L, 5L, 7L, 9L, 10L, 13L), List.of(a.valueAt(0), a.valueAt(1), a.valueAt(2),
                a.valueAt(3), a.valueAt(4), a.valueAt(5)));
        assertEquals(4L, bee.valueAt(1));
        assertFalse(bee.isPresent(2));
        assertFalse(bee.isPresent(3));
        assertEquals(11L, bee.valueAt(4));
        assertEquals(12L, bee.valueAt(5));
    }

    @Test
    void fieldKeysThatStartLikeThePreviousLineKeysAreTheirOwnFields() {
        LineProtocolParser p = parse("m a=1i,b=2i 1\nm a=3i,bb=4i 2\nm a=5i,b\\ =6i 3\nm a\\==7i,b=8i 4\n"
                + "m a\\==9i,b=10i 5\nm ab=11i,b=12i 6\nm a=13i,b 7");
        assertEquals(List.of(new LineRejection(7, LineRejection.INVALID_LINE, "field 'b' has no '='")), p.rejections());
        WriteBatch b = p.builders().get("m").build();
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (FieldColumn c : b.fields()) {
            List<Object> values = new ArrayList<>();
            for (int row = 0; row < b.size(); row++) {
                values.add(c.isPresent(row) ? c.valueAt(row) : null);
            }
            columns.put(c.name(), values);
        }
        assertEquals(List.of("a", "b", "bb", "b ", "a=", "ab"), List.copyOf(columns.keySet()));
        assertEquals(Arrays.asList(1L, 3L, 5L, null, null, null), columns.get("a"));
        assertEquals(Arrays.asList(2L, null, null, 8L, 10L, 12L), columns.get("b"));
        assertEquals(Arrays.asList(null, 4L, null, null, null, null), columns.get("bb"));
        assertEquals(Arrays.asList(null, null, 6L, null, null, null), columns.get("b "));
        assertEquals(Arrays.asList(null, null, null, 7L, 9L, null), columns.get("a="));
        assertEquals(Arrays.asList(null, null, null, null, null, 11L), columns.get("ab"));
    }

    /** Parses a request with names shared across requests and returns the batch of one measurement. */
    private static WriteBatch parseSharing(LineProtocolParser.DecodedNames shared, String measurement, String body)
            throws IOException {
        LineProtocolParser p = new LineProtocolParser("db", Precision.NANOSECONDS, NOW, ValidationLimits.defaults(),
                LineAdmission.NONE, shared);
        p.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return p.builders().get(measurement).build();
    }

    @Test
    void seriesDecodedByOneRequestAreSharedWithTheNext() throws IOException {
        LineProtocolParser.DecodedNames shared = LineProtocolParser.DecodedNames.bounded(10);
        WriteBatch[] batches = new WriteBatch[2];
        for (int i = 0; i < 2; i++) {
            batches[i] = parseSharing(shared, "cpu", "cpu,host=h" + " usage=" + i + " 1");
        }
        assertTrue(batches[0].tags(0) == batches[1].tags(0));
        assertEquals(Tags.of("host", "h"), batches[1].tags(0));
        assertEquals(1.0, batches[1].fields().get(0).valueAt(0));
    }

    @Test
    void repeatedTagValuesOfSeriesNotCachedAreOneString() throws IOException {
        LineProtocolParser.DecodedNames shared = LineProtocolParser.DecodedNames.bounded(1);
        WriteBatch[] batches = new WriteBatch[2];
        for (int i = 0; i < 2; i++) {
            batches[i] = parseSharing(shared, "requests",
                    "requests,customer_id=cust_" + i + ",region=eu-west-1 latency=1 1\n"
                    + "requests,customer_id=cust_" + (i + 10) + ",region=eu-west-1 latency=2 1");
        }
        assertEquals(Tags.of("customer_id", "cust_11", "region", "eu-west-1"), batches[1].tags(1));
        assertTrue(batches[0].tags(0).value(1) == batches[1].tags(1).value(1));
        assertTrue(batches[0].tags(0) != batches[1].tags(1));
    }

    @Test
    void tagSetsAreInternedAcrossLines() {
        LineProtocolParser p = parse("m,h=a f=1 1\nm,h=a f=2 2\nm,h=b f=3 3");
        WriteBatch b = p.builders().get("m").build();
        assertEquals(2, b.series().size());
        assertTrue(b.tags(0) == b.tags(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m|missing fields", "m |missing fields", "m,t=1|missing fields", ",t=1 f=1|measurement is empty",
        "m,t f=1|has no '='", "m,=v f=1|tag key is empty", "m,t= f=1|value of tag 't' is empty",
        "m,t=a=b f=1|unescaped '='", "m, f=1|has no '='", "m f|has no '='", "m f=|has no value",
        "m =1|field key is empty", "m f=1,|missing fields", "m f=1,g|has no '='", "m f=\"abc|unterminated string",
        "m f=\"a\"x|unexpected text after the string", "m f=1 12x|not an integer", "m f=1 17000000000000000x0|not an integer",
        "m f=1 1 2|unexpected text after the timestamp", "m,time=1 f=1|'time' cannot be a tag key",
        "m time=1|'time' cannot be a field key"})
    void malformedLinesAreRejectedWithReason(String line, String reason) {
        LineRejection r = rejected(line);
        assertEquals(1, r.line());
        assertTrue(r.message().contains(reason), line + " → " + r.message());
    }

    @Test
    void rejectedLinesCarryTheirLineNumberAndTheOthersAreWritten() {
        LineProtocolParser p = parse("m f=1 1\nm f= 2\n\n# c\nm f=3 3\r\nbad\nm f=5 5\n");
        assertEquals(3, p.accepted());
        assertEquals(List.of(2, 6), p.rejections().stream().map(LineRejection::line).toList());
        WriteBatch b = p.builders().get("m").build();
        assertEquals(List.of(1L, 3L, 5L), List.of(b.time(0), b.time(1), b.time(2)));
    }

    @Test
    void nonUtf8BytesRejectTheLine() {
        byte[] body = "m,t=\u00ff\u00fe f=1\nm f=\"x\u00ff\"\nok f=1\n".getBytes(StandardCharsets.ISO_8859_1);
        LineProtocolParser p = parse(body, Precision.NANOSECONDS, LineAdmission.NONE);
        assertEquals(List.of(LineRejection.INVALID_UTF8, LineRejection.INVALID_UTF8),
                p.rejections().stream().map(LineRejection::code).toList());
        assertEquals(1, p.accepted());
        assertFalse(p.builders().containsKey("m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m\u0001 f=1", "m,t\u0007=a f=1", "m,t=a\u001b f=1", "m f\u007f=1", "m\tx f=1"})
    void controlCharactersInNamesRejectTheLine(String line) {
        assertEquals(LineRejection.INVALID_NAME, rejected(line).code());
    }

    @Test
    void aControlCharacterInsideAStringFieldIsKept() {
        assertEquals("a\tb", field(one("m s=\"a\tb\""), "s"));
    }

    @Test
    void aFieldTypeConflictWithAnEarlierLineRejectsTheLaterLine() {
        LineProtocolParser p = parse("m f=1i 1\nm f=1.5 2\nm f=2i 3\nn f=1.5 4");
        assertEquals(1, p.rejections().size());
        LineRejection r = p.rejections().get(0);
        assertEquals(2, r.line());
        assertEquals(ItemError.FIELD_TYPE_CONFLICT, r.code());
        assertTrue(r.message().contains("INTEGER in an earlier line"), r.message());
        assertEquals(2, p.builders().get("m").build().size());
        assertEquals(FieldType.FLOAT, p.builders().get("n").build().fields().get(0).type());
    }

    @Test
    void aFieldTypeConflictWithTheStoreRejectsTheLineWholly() {
        LineAdmission stored = new LineAdmission() {
            @Override
            public FieldType storedType(String measurement, String field) {
                return field.equals("s") ? FieldType.STRING : null;
            }

            @Override
            public ItemError admit(String measurement, Tags tags) {
                return null;
            }
        };
        LineProtocolParser p = parse("m a=1,s=2 1\nm a=1,s=\"x\" 2".getBytes(StandardCharsets.UTF_8),
                Precision.NANOSECONDS, stored);
        assertEquals(List.of(1), p.rejections().stream().map(LineRejection::line).toList());
        assertTrue(p.rejections().get(0).message().contains("stored as STRING, not FLOAT"));
        WriteBatch b = p.builders().get("m").build();
        assertEquals(1, b.size());
        assertEquals(2L, b.time(0));
        assertEquals("x", field(b, "s"));
    }

    @Test
    void seriesAdmissionRefusalRejectsTheLine() {
        LineAdmission limited = new LineAdmission() {
            @Override
            public FieldType storedType(String measurement, String field) {
                return null;
            }

            @Override
            public ItemError admit(String measurement, Tags tags) {
                return tags.get("h").equals("new")
                        ? new ItemError(ItemError.CARDINALITY_EXCEEDED, "too many series") : null;
            }
        };
        LineProtocolParser p = parse("m,h=old f=1\nm,h=new f=1".getBytes(StandardCharsets.UTF_8),
                Precision.NANOSECONDS, limited);
        assertEquals(ItemError.CARDINALITY_EXCEEDED, p.rejections().get(0).code());
        assertEquals(2, p.rejections().get(0).line());
        assertEquals(1, p.builders().get("m").build().size());
    }

    @Test
    void eachRequestAdmitsTheSeriesItWritesEvenWhenAnotherRequestDecodedThem() throws IOException {
        LineProtocolParser.DecodedNames shared = LineProtocolParser.DecodedNames.bounded(100);
        byte[] body = "m,h=a f=1 1\nm,h=b f=1 2\nm,h=a f=2 3\nm,h=b f=2 4".getBytes(StandardCharsets.UTF_8);
        LineProtocolParser first = new LineProtocolParser("db", Precision.NANOSECONDS, NOW,
                ValidationLimits.defaults(), LineAdmission.NONE, shared);
        first.parse(new ByteArrayInputStream(body));
        assertEquals(4, first.accepted());
        LineAdmission refusesB = new LineAdmission() {
            @Override
            public FieldType storedType(String measurement, String field) {
                return null;
            }

            @Override
            public ItemError admit(String measurement, Tags tags) {
                return tags.get("h").equals("b") ? new ItemError(ItemError.CARDINALITY_EXCEEDED, "full") : null;
            }
        };
        LineProtocolParser second = new LineProtocolParser("db", Precision.NANOSECONDS, NOW,
                ValidationLimits.defaults(), refusesB, shared);
        second.parse(new ByteArrayInputStream(body));
        assertEquals(List.of(2, 4), second.rejections().stream().map(LineRejection::line).toList());
        assertEquals(List.of(Tags.of("h", "a")), second.builders().get("m").build().series());
    }

    @Test
    void interleavedMeasurementsFieldSetsAndRefusalsKeepEachValueInItsColumn() {
        LineAdmission refusesBad = new LineAdmission() {
            @Override
            public FieldType storedType(String measurement, String field) {
                return null;
            }

            @Override
            public ItemError admit(String measurement, Tags tags) {
                return tags.get("h").equals("bad") ? new ItemError(ItemError.CARDINALITY_EXCEEDED, "no") : null;
            }
        };
        String body = String.join("\n", "cpu,h=a a=1i,b=2i 1", "mem,h=a a=1.5 2", "cpu,h=a a=3i,b=4i 3",
                "cpu,h=a b=5i 4", "cpu,h=bad a=0i,b=0i 5", "cpu,h=a a=6i,b=7i 6", "cpu,h=a a=8.5 7",
                "cpu,h=a b=9i,a=10i 8", "mem,h=a a=2.5,c=true 9");
        LineProtocolParser p = parse(body.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, refusesBad);

        assertEquals(List.of(5, 7), p.rejections().stream().map(LineRejection::line).toList());
        assertEquals(ItemError.FIELD_TYPE_CONFLICT, p.rejections().get(1).code());
        WriteBatch cpu = p.builders().get("cpu").build();
        assertEquals(List.of(1L, 3L, 4L, 6L, 8L), java.util.stream.IntStream.range(0, cpu.size())
                .mapToObj(cpu::time).toList());
        FieldColumn a = cpu.fields().get(0);
        FieldColumn b = cpu.fields().get(1);
        assertEquals(List.of("a", "b"), List.of(a.name(), b.name()));
        assertEquals(Arrays.asList(1L, 3L, null, 6L, 10L), java.util.stream.IntStream.range(0, 5)
                .mapToObj(r -> a.isPresent(r) ? a.valueAt(r) : null).toList());
        assertEquals(List.of(2L, 4L, 5L, 7L, 9L), java.util.stream.IntStream.range(0, 5)
                .mapToObj(b::valueAt).toList());
        WriteBatch mem = p.builders().get("mem").build();
        assertEquals(2, mem.size());
        assertEquals(2.5, mem.fields().get(0).valueAt(1));
        assertFalse(mem.fields().get(1).isPresent(0));
        assertEquals(true, mem.fields().get(1).valueAt(1));
    }

    @Test
    void nameAndTagLimitsApply() {
        assertEquals(LineRejection.LIMIT_EXCEEDED, rejected("m".repeat(257) + " f=1").code());
        assertEquals(LineRejection.LIMIT_EXCEEDED, rejected("m f" + "x".repeat(256) + "=1").code());
        StringBuilder manyTags = new StringBuilder("m");
        for (int i = 0; i < 21; i++) {
            manyTags.append(",t").append(i).append("=v");
        }
        assertEquals(LineRejection.LIMIT_EXCEEDED, rejected(manyTags + " f=1").code());
    }

    @Test
    void linesLongerThanTheReadChunkAreParsed() {
        String big = "x".repeat(200_000);
        WriteBatch b = one("m s=\"" + big + "\" 1");
        assertEquals(big, field(b, "s"));
    }

    @Test
    void manyLinesAcrossChunksKeepTheirOrderAndNumbers() {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            body.append(i == 7_777 ? "broken" : "cpu,host=h" + (i % 10) + " v=" + i + "i " + i).append('\n');
        }
        LineProtocolParser p = parse(body.toString());
        assertEquals(19_999, p.accepted());
        assertEquals(7_777, p.rejections().get(0).line());
        WriteBatch b = p.builders().get("cpu").build();
        assertEquals(20_000L, b.time(b.size() - 1));
        assertEquals(Map.of("host", "h0"), b.tags(b.size() - 1).toMap());
    }
}
