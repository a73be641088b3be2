package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of an event: canonical JSON (keys sorted, no whitespace) and the chain hash,
 * SHA-256 over the previous hash and the event's canonical JSON without its {@code hash} field.
 */
final class EventCodec {
    /** The previous hash of the very first event. */
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventCodec() {
    }

    /** Returns an RFC 3339 UTC time with nine fraction digits. */
    static String time(Instant time) {
        return TIME.format(time);
    }

    /** Places a record in the chain after an event whose hash is {@code prevHash}. */
    static AuditEvent chain(long seq, AuditRecord record, String prevHash) {
        return new AuditEvent(seq, record, prevHash, hash(prevHash, toJson(new AuditEvent(seq, record, prevHash, null))));
    }

    /** Returns the event as a JSON object; without the {@code hash} field when the event has none yet. */
    static ObjectNode toJson(AuditEvent event) {
        AuditRecord r = event.record();
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", event.seq());
        node.put("time", time(r.time()));
        node.put("event_type", r.eventType());
        node.put("actor", r.actor());
        node.put("source", r.source());
        node.put("database", r.database());
        node.put("outcome", r.outcome());
        ObjectNode detail = node.putObject("detail");
        for (Map.Entry<String, Object> d : r.detail().entrySet()) {
            if (d.getValue() instanceof Number n) {
                detail.put(d.getKey(), n.longValue());
            } else {
                detail.put(d.getKey(), d.getValue() == null ? null : d.getValue().toString());
            }
        }
        node.put("prev_hash", event.prevHash());
        if (event.hash() != null) {
            node.put("hash", event.hash());
        }
        return node;
    }

    /** Returns the stored line of an event (canonical JSON, no newline). */
    static String line(AuditEvent event) {
        return new String(canonical(toJson(event)), StandardCharsets.UTF_8);
    }

    /** Parses a stored line. */
    static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }

    /** Returns the hash a stored event should carry: over {@code prevHash} and the event without its hash. */
    static String expectedHash(String prevHash, JsonNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("hash");
        return hash(prevHash, copy);
    }

    private static String hash(String prevHash, JsonNode withoutHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha.update(canonical(withoutHash));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Returns the canonical JSON of a node: object keys sorted, no whitespace. */
    static byte[] canonical(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else {
            JSON.writeTree(g, node);
        }
    }

    /** Returns an event as the REST API shows it (field order as in the documentation). */
    static Map<String, Object> describe(JsonNode stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("seq", "time", "event_type", "actor", "source", "database", "outcome", "detail",
                "prev_hash", "hash")) {
            out.put(field, stored.get(field));
        }
        return out;
    }
}
