package io.cairn.enterprise.license.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadOnlyWriteGuardTest {
    @Test
    void everyWriteEndpointIsAWriteAndQueriesAreNot() {
        for (String write : ReadOnlyWriteGuard.WRITE_PATHS) {
            assertTrue(ReadOnlyWriteGuard.isWrite("POST", write, ""), write);
            assertTrue(ReadOnlyWriteGuard.isWrite("POST", write + "/", ""), write + "/");
        }
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/cairn/api/v1/write", "/cairn"));
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/api/v1/%77rite", ""));
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/write;x=1", ""));
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/api/v1/./write/msgpack", ""));
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/api/v2;p/write", ""));
        assertTrue(ReadOnlyWriteGuard.isWrite("POST", "/write%zz", ""));
        assertFalse(ReadOnlyWriteGuard.isWrite("POST", "/api/v1/query", ""));
        assertFalse(ReadOnlyWriteGuard.isWrite("GET", "/api/v1/license", ""));
        assertFalse(ReadOnlyWriteGuard.isWrite("POST", "/api/v1/writer", ""));
        assertFalse(ReadOnlyWriteGuard.isWrite("OPTIONS", "/write", ""));
    }
}
