package io.cairn.enterprise.license.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The installed license document, kept as {@code <data>/license/license.json} (replaced atomically). */
final class LicenseFile {
    private final Path file;

    LicenseFile(Path folder) {
        this.file = folder.resolve("license.json");
    }

    Optional<byte[]> read() throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    void write(byte[] document) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling("license.json.next");
        Files.write(next, document);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
