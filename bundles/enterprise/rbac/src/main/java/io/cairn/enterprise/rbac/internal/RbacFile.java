package io.cairn.enterprise.rbac.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;

/**
 * The durable RBAC model: one JSON document rewritten whole through a synced temporary file and an
 * atomic rename, so a crash leaves the old or the new document, never a mix.
 */
final class RbacFile {
    private final Path file;

    RbacFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Reads the model; an absent file is an empty model.
     *
     * @throws IOException when the file cannot be read or holds something that breaks the rules
     */
    RbacData read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return RbacData.EMPTY;
        }
        JsonNode root = RbacJson.MAPPER.readTree(file.toFile());
        try {
            RbacData.Draft draft = RbacData.EMPTY.edit();
            root.path("organizations").forEach(n -> draft.put(RbacJson.organization(n)));
            root.path("teams").forEach(n -> draft.put(RbacJson.team(n)));
            root.path("roles").forEach(n -> draft.put(RbacJson.role(n)));
            root.path("measurement_permissions").forEach(n -> draft.put(RbacJson.measurement(n)));
            root.path("memberships").fields().forEachRemaining(
                    e -> e.getValue().forEach(team -> draft.join(e.getKey(), team.asText())));
            return draft.freeze();
        } catch (RbacException e) {
            throw new IOException(file + " holds an invalid entry: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with a model. */
    void write(RbacData data) throws IOException {
        ObjectNode root = RbacJson.MAPPER.createObjectNode();
        root.put("version", 1);
        ArrayNode organizations = root.putArray("organizations");
        data.organizations().values().forEach(o -> organizations.add(RbacJson.node(o)));
        ArrayNode teams = root.putArray("teams");
        data.teams().values().forEach(t -> teams.add(RbacJson.node(t)));
        ArrayNode roles = root.putArray("roles");
        data.roles().values().forEach(r -> roles.add(RbacJson.node(r)));
        ArrayNode measurements = root.putArray("measurement_permissions");
        data.measurements().values().forEach(m -> measurements.add(RbacJson.node(m)));
        ObjectNode memberships = root.putObject("memberships");
        for (Map.Entry<String, List<String>> e : data.memberships().entrySet()) {
            ArrayNode teamIds = memberships.putArray(e.getKey());
            e.getValue().forEach(teamIds::add);
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, RbacJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        ownerOnly(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.getParent());
    }

    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // a file system without POSIX permissions keeps its defaults
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some platforms cannot open or sync a directory; the rename is still atomic
        }
    }
}
