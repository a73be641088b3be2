package io.cairn.itests;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exported {@code cairn.jar} run as a process on a free loopback port, as a user starts it; {@link Http}
 * talks to it. Each start logs into a new file of the folder it was given.
 */
final class ExportedJar {
    private ExportedJar() {
    }

    /** Returns a new folder under the integration tests' work folder. */
    static Path folder(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("cairn.itest.work"), name + "-" + System.nanoTime()));
    }

    /** Returns a free port on this machine and makes it the one {@link Http} talks to. */
    static int takePort() throws IOException {
        int port = freePort();
        System.setProperty("org.osgi.service.http.port", Integer.toString(port));
        return port;
    }

    /** Returns a port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the jar on a port with a heap, framework properties ({@code -D} without the prefix) and extra
     * environment variables, logging into {@code folder}.
     */
    static Process start(Path folder, int port, String heap, List<String> properties, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx" + heap, "-Dcairn.http.port=" + port, "-Dcairn.http.host=127.0.0.1"));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", System.getProperty("cairn.itest.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("cairn-" + System.nanoTime() + ".log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
