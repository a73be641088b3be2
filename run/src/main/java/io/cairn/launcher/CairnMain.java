package io.cairn.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Starts Cairn: merges the configuration file, {@code CAIRN_*} environment variables and
 * {@code -D} system properties into system properties that Felix's bundles read, then hands over
 * to bnd's embedded launcher. Precedence, lowest first: built-in defaults, {@code etc/cairn.properties}
 * (or the file named by {@code CAIRN_CONFIG}), environment variables, {@code -D} properties.
 */
public final class CairnMain {
    static final Map<String, String> DEFAULTS = Map.of(
            "cairn.http.port", "8000",
            "cairn.http.host", "0.0.0.0",
            "cairn.data.dir", "data",
            "cairn.deploy.dir", "deploy",
            "cairn.store", "lmdb");

    /** The stores a build of Cairn can carry. */
    static final Set<String> STORES = Set.of("lmdb", "parquet", "clickhouse");

    private CairnMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties config = configuration(System.getenv(), System.getProperties());
        String store = config.getProperty("cairn.store");
        if (!STORES.contains(store)) {
            System.err.println("cairn: unknown store '" + store + "' (CAIRN_STORE); stores: " + STORES);
            System.exit(2);
        }
        Files.createDirectories(Path.of(config.getProperty("cairn.deploy.dir")));
        for (String key : config.stringPropertyNames()) {
            System.setProperty(key, config.getProperty(key));
        }
        System.setProperty("org.osgi.service.http.port", config.getProperty("cairn.http.port"));
        System.setProperty("org.apache.felix.http.host", config.getProperty("cairn.http.host"));
        System.setProperty("felix.fileinstall.dir", config.getProperty("cairn.deploy.dir"));
        Class<?> launcher = Class.forName("aQute.launcher.pre.EmbeddedLauncher");
        Method main = launcher.getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }

    static Properties configuration(Map<String, String> env, Properties system) throws IOException {
        Properties config = new Properties();
        config.putAll(DEFAULTS);
        Path file = Path.of(env.getOrDefault("CAIRN_CONFIG", "etc/cairn.properties"));
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                config.load(in);
            }
        } else if (env.containsKey("CAIRN_CONFIG")) {
            throw new IOException("CAIRN_CONFIG names a file that does not exist: " + file);
        }
        env.forEach((name, value) -> {
            if (name.startsWith("CAIRN_") && !name.equals("CAIRN_CONFIG")) {
                config.setProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("cairn.")) {
                config.setProperty(key, system.getProperty(key));
            }
        }
        return config;
    }
}
