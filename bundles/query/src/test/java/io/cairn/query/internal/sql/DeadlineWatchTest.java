package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The statement timer: deadlines run once due, in order, also when added before one it already sleeps towards. */
class DeadlineWatchTest {
    @Test
    void anEarlierDeadlineWakesTheWatchSleepingTowardsALaterOne() throws InterruptedException {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines")) {
            CountDownLatch ran = new CountDownLatch(1);
            watch.watch(600_000, () -> { });
            Thread.sleep(50);
            watch.watch(20, ran::countDown);
            assertTrue(ran.await(20, TimeUnit.SECONDS), "the 20 ms deadline never ran");
        }
    }

    @Test
    void cancelledDeadlinesNeverRunAndTheOthersRunInTheirOrder() throws InterruptedException {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);
            watch.watch(80, () -> ran.add("b"));
            watch.watch(10, () -> ran.add("a")).cancel();
            watch.watch(40, () -> ran.add("a2"));
            watch.watch(150, () -> {
                ran.add("c");
                last.countDown();
            });
            assertTrue(last.await(20, TimeUnit.SECONDS));
            assertEquals(List.of("a2", "b", "c"), ran);
        }
    }

    @Test
    void aDeadlineAddedWhileTheWatchIsIdleRuns() throws InterruptedException {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines")) {
            for (int i = 0; i < 3; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                watch.watch(5, ran::countDown);
                assertTrue(ran.await(20, TimeUnit.SECONDS), "deadline " + i + " never ran");
            }
        }
    }
}
