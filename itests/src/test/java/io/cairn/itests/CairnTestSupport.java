package io.cairn.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;

/** The framework every integration test starts: Cairn's real bundles in Felix, on a free port. */
public abstract class CairnTestSupport {
    /** Bundles that must start first: SPI Fly weaves slf4j's ServiceLoader use. */
    private static final List<String> FIRST = List.of("org.apache.aries.spifly", "asm", "slf4j");

    @Configuration
    public Option[] config() throws IOException {
        return frameworkOptions(dataDirectory(getClass().getSimpleName() + "-" + System.nanoTime()));
    }

    protected static String dataDirectory(String name) {
        return new File(System.getProperty("cairn.itest.work"), name).getAbsolutePath();
    }

    protected static Option[] frameworkOptions(String dataDir) throws IOException {
        List<Option> options = new ArrayList<>(List.of(
                systemProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                systemProperty("org.apache.felix.http.host").value("127.0.0.1"),
                systemProperty("cairn.data.dir").value(dataDir),
                systemProperty("cairn.itest.bundles").value(System.getProperty("cairn.itest.bundles")),
                systemProperty("felix.fileinstall.dir").value(dataDir + "-deploy"),
                systemProperty("felix.fileinstall.poll").value("200"),
                systemProperty("felix.fileinstall.enableConfigSave").value("false"),
                systemProperty("cairn.auth.enabled").value("false"),
                systemProperty("cairn.store").value(store()),
                systemProperty("cairn.itest.store").value(store()),
                systemProperty("cairn.clickhouse.url").value(System.getenv().getOrDefault("CAIRN_CLICKHOUSE_URL", "")),
                systemProperty("cairn.clickhouse.database").value("itest_" + System.nanoTime()),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                frameworkProperty("org.osgi.framework.system.packages.extra").value("sun.nio.ch"),
                vmOption("--add-opens=java.base/java.nio=ALL-UNNAMED"),
                vmOption("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"),
                vmOption("-Xmx512m"),
                cleanCaches(),
                junitBundles()));
        File[] jars = new File(System.getProperty("cairn.itest.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        Arrays.sort(jars, (a, b) -> Integer.compare(rank(a.getName()), rank(b.getName())));
        for (File jar : jars) {
            options.add(bundle(jar.toURI().toString()));
        }
        return options.toArray(new Option[0]);
    }

    /** Returns the store the tests run against: {@code -Dcairn.itest.store}, default lmdb. */
    protected static String store() {
        return System.getProperty("cairn.itest.store", "lmdb");
    }

    private static int rank(String jarName) {
        for (int i = 0; i < FIRST.size(); i++) {
            if (jarName.startsWith(FIRST.get(i))) {
                return i;
            }
        }
        return FIRST.size();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
