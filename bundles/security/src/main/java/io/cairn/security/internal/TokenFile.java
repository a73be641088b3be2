package io.cairn.security.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable form of the token store: one JSON file rewritten whole through a synced temporary
 * file and an atomic rename, so a crash leaves either the old or the new file, never half of one.
 */
final class TokenFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;

    TokenFile(Path file) {
        this.file = file;
    }

    /** Returns whether the file exists (false on a first start). */
    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Reads every token, in the order they were created; an absent file holds none. */
    Map<String, TokenRecord> read() throws IOException {
        Map<String, TokenRecord> tokens = new LinkedHashMap<>();
        if (!exists()) {
            return tokens;
        }
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode t : root.path("tokens")) {
            List<String> labels = new ArrayList<>();
            t.path("permissions").forEach(p -> labels.add(p.asText()));
            TokenRecord record = new TokenRecord(t.path("id").asText(), t.path("name").asText(),
                    HEX.parseHex(t.path("sha256").asText()), PermissionLabels.parseAll(labels),
                    t.hasNonNull("tenant") ? t.get("tenant").asText() : null,
                    Instant.parse(t.path("created").asText()),
                    t.hasNonNull("rotated") ? Instant.parse(t.get("rotated").asText()) : null);
            tokens.put(record.id(), record);
        }
        return tokens;
    }

    /** Replaces the file with these tokens. */
    void write(Iterable<TokenRecord> tokens) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("tokens");
        for (TokenRecord r : tokens) {
            ObjectNode t = list.addObject();
            t.put("id", r.id());
            t.put("name", r.name());
            t.put("sha256", HEX.formatHex(r.sha256()));
            ArrayNode permissions = t.putArray("permissions");
            PermissionLabels.labels(r.permissions()).forEach(permissions::add);
            t.put("tenant", r.tenant());
            t.put("created", r.created().toString());
            t.put("rotated", r.rotated() == null ? null : r.rotated().toString());
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        ownerOnly(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // a file system without POSIX permissions keeps its defaults
        }
    }
}
