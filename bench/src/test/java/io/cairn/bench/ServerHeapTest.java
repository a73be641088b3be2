package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerHeapTest {

    @Test
    void peakIsTheHighestHeapBeforeAnyCollectionInTheLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        ServerHeap heap = new ServerHeap(log, ProcessHandle.current().pid());
        assertEquals(-1, heap.peakBytes());

        Files.write(log, List.of("[0.004s][info][gc] Using G1",
                "[1.201s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[9.870s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 1G->412M(1024M) 9.1ms",
                "[12.500s][info][gc] GC(2) Pause Full (System.gc()) 700M->40M(1024M) 80.2ms",
                "[13.000s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 900K->512K(1024M) 0.4ms"));

        assertEquals(1L << 30, heap.peakBytes());
    }
}
