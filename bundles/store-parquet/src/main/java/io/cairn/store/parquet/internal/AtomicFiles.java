package io.cairn.store.parquet.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/** Publishing files so a crash shows either the old or the new content, never a half file. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Forces a written temporary file to disk, renames it over the target and forces the folder. */
    static void publish(Path temp, Path target) throws IOException {
        force(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(target.getParent());
    }

    /**
     * Creates a folder and its missing parents, forcing each new folder's entry in its parent to disk, so that a
     * file published in it survives a crash with the path that leads to it.
     */
    static void createFolders(Path folder) throws IOException {
        Path missing = folder.toAbsolutePath();
        Deque<Path> created = new ArrayDeque<>();
        while (missing != null && !Files.isDirectory(missing)) {
            created.push(missing);
            missing = missing.getParent();
        }
        Files.createDirectories(folder);
        for (Path dir : created) {
            forceFolder(dir.getParent());
        }
    }

    /** Writes bytes to a temporary file beside the target and publishes it. */
    static void write(Path target, byte[] bytes) throws IOException {
        createFolders(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + PartitionPaths.TEMP_SUFFIX);
        Files.write(temp, bytes);
        publish(temp, target);
    }

    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open folders; the rename is still atomic there
        }
    }
}
