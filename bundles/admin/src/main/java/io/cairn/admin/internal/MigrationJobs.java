package io.cairn.admin.internal;

import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs copy jobs between stores one at a time and keeps their state in {@code <data>/admin/jobs}. */
@Component(service = MigrationJobs.class)
public final class MigrationJobs {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationJobs.class);

    private final StoreSelection selection;
    private final Path dir;
    private final Map<String, MigrationJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> stops = new ConcurrentHashMap<>();
    private final Map<String, Long> runStarted = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-migration");
        t.setDaemon(true);
        return t;
    });

    /** Loads the saved jobs; one that was running when the process stopped becomes interrupted. */
    @Activate
    public MigrationJobs(@Reference StoreSelection selection, BundleContext context) {
        this(selection, dataDir(context.getProperty("cairn.data.dir")).resolve("admin").resolve("jobs"));
    }

    MigrationJobs(StoreSelection selection, Path dir) {
        this.selection = selection;
        this.dir = dir;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                MigrationJob job = AdminReplies.JSON.readValue(f.toFile(), MigrationJob.class);
                if (job.state == MigrationJob.State.RUNNING) {
                    job.state = MigrationJob.State.INTERRUPTED;
                }
                jobs.put(job.id, job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jobs in " + dir, e);
        }
    }

    private static Path dataDir(String property) {
        return Path.of(property == null || property.isBlank() ? "data" : property);
    }

    /**
     * Starts copying a database (or all), a measurement (or all) over a time range.
     *
     * @throws IllegalArgumentException when a store is not running or both are the same
     */
    public MigrationJob start(String from, String to, String database, String measurement, long start, long end) {
        stores(from, to);
        MigrationJob job = new MigrationJob();
        job.id = UUID.randomUUID().toString();
        job.from = from;
        job.to = to;
        job.database = database;
        job.measurement = measurement;
        job.startNanos = start;
        job.endNanos = end;
        job.startedAtMillis = System.currentTimeMillis();
        jobs.put(job.id, job);
        submit(job);
        return job;
    }

    /** Continues a stopped, failed or interrupted job from its first unfinished day. */
    public synchronized MigrationJob resume(String id) {
        MigrationJob job = get(id);
        if (job.state != MigrationJob.State.RUNNING && job.state != MigrationJob.State.DONE) {
            stores(job.from, job.to);
            job.state = MigrationJob.State.RUNNING;
            job.error = null;
            submit(job);
        }
        return job;
    }

    /** Asks a running job to stop after the day it copies. */
    public MigrationJob stop(String id) {
        MigrationJob job = get(id);
        AtomicBoolean stop = stops.get(id);
        if (stop != null) {
            stop.set(true);
        }
        return job;
    }

    /** Returns a job, or throws IllegalArgumentException for an unknown id. */
    public MigrationJob get(String id) {
        MigrationJob job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        return job;
    }

    /** Returns what a job shows. */
    public Map<String, Object> describe(MigrationJob job) {
        return job.describe(System.currentTimeMillis(), runStarted.getOrDefault(job.id, System.currentTimeMillis()));
    }

    /** Returns every job. */
    public List<MigrationJob> all() {
        return new ArrayList<>(jobs.values());
    }

    private TimeSeriesStore[] stores(String from, String to) {
        Map<String, TimeSeriesStore> running = selection.stores();
        if (from == null || to == null || from.equals(to)) {
            throw new IllegalArgumentException("name two different stores as from and to");
        }
        if (!running.containsKey(from) || !running.containsKey(to)) {
            throw new IllegalArgumentException("both stores must be running; running: " + running.keySet());
        }
        return new TimeSeriesStore[] {running.get(from), running.get(to)};
    }

    private void submit(MigrationJob job) {
        AtomicBoolean stop = new AtomicBoolean();
        stops.put(job.id, stop);
        save(job);
        runner.execute(() -> run(job, stop));
    }

    private void run(MigrationJob job, AtomicBoolean stop) {
        long started = System.currentTimeMillis();
        runStarted.put(job.id, started);
        try {
            TimeSeriesStore[] stores = stores(job.from, job.to);
            MigrationCopier copier = new MigrationCopier(stores[0], stores[1]);
            if (!job.planned) {
                copier.plan(job);
                save(job);
            }
            copier.copy(job, stop::get, () -> save(job));
            job.state = job.pending.isEmpty() ? MigrationJob.State.DONE : MigrationJob.State.STOPPED;
        } catch (RuntimeException e) {
            job.state = MigrationJob.State.FAILED;
            job.error = e.getMessage();
            LOG.warn("Migration {} from {} to {} failed: {}", job.id, job.from, job.to, e.toString());
        } finally {
            job.runningMillis += System.currentTimeMillis() - started;
            stops.remove(job.id);
            save(job);
        }
    }

    private synchronized void save(MigrationJob job) {
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(job.id + ".json.tmp");
            AdminReplies.JSON.writeValue(temp.toFile(), job);
            Files.move(temp, dir.resolve(job.id + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save job " + job.id, e);
        }
    }

    /** Stops the running job after its current day; it resumes as interrupted on the next start. */
    @Deactivate
    void close() throws InterruptedException {
        stops.values().forEach(s -> s.set(true));
        runner.shutdown();
        runner.awaitTermination(30, TimeUnit.SECONDS);
    }
}
