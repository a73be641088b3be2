package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    private TokenStore open() throws Exception {
        return new TokenStore(dir, Clock.systemUTC());
    }

    @Test
    void aCreatedTokenAuthenticatesAndOnlyItsDigestIsStored() throws Exception {
        TokenStore store = open();
        IssuedToken issued = store.create("grafana", Set.of(Permission.READ), "acme");
        assertTrue(issued.secret().startsWith("cairn_"));
        assertEquals(6 + 43, issued.secret().length(), "prefix + 256 bits in base64url");
        TokenRecord found = store.authenticate(issued.secret()).orElseThrow();
        assertEquals(issued.record().id(), found.id());
        assertEquals("acme", found.principal().tenant());
        assertTrue(found.principal().has(Permission.READ));
        assertFalse(found.principal().has(Permission.WRITE));

        String file = Files.readString(dir.resolve("tokens.json"));
        assertFalse(file.contains(issued.secret()), "the secret must never be written");
        assertTrue(file.contains(HexFormat.of().formatHex(TokenStore.digest(issued.secret()))));
        assertTrue(store.authenticate(issued.secret() + "x").isEmpty());
        assertTrue(store.authenticate("").isEmpty());
    }

    @Test
    void rotationReplacesTheSecretAndKeepsIdAndPermissions() throws Exception {
        TokenStore store = open();
        IssuedToken first = store.create("ci", Set.of(Permission.WRITE), null);
        IssuedToken second = store.rotate(first.record().id()).orElseThrow();
        assertEquals(first.record().id(), second.record().id());
        assertEquals(Set.of(Permission.WRITE), second.record().permissions());
        assertTrue(store.authenticate(first.secret()).isEmpty(), "the old secret stops working");
        assertEquals(first.record().id(), store.authenticate(second.secret()).orElseThrow().id());
        assertTrue(store.rotate("nope").isEmpty());
    }

    @Test
    void aDeletedTokenNoLongerAuthenticates() throws Exception {
        TokenStore store = open();
        IssuedToken issued = store.create("tmp", Set.of(Permission.READ), null);
        assertTrue(store.delete(issued.record().id()));
        assertTrue(store.authenticate(issued.secret()).isEmpty());
        assertFalse(store.delete(issued.record().id()));
    }

    @Test
    void tokensSurviveReopeningTheStore() throws Exception {
        TokenStore store = open();
        IssuedToken kept = store.create("kept", Set.of(Permission.READ, Permission.DELETE), "t1");
        IssuedToken gone = store.create("gone", Set.of(Permission.ADMIN), null);
        IssuedToken rotated = store.rotate(kept.record().id()).orElseThrow();
        store.delete(gone.record().id());

        TokenStore reopened = open();
        TokenRecord r = reopened.authenticate(rotated.secret()).orElseThrow();
        assertEquals("kept", r.name());
        assertEquals("t1", r.tenant());
        assertEquals(Set.of(Permission.READ, Permission.DELETE), r.permissions());
        assertTrue(reopened.authenticate(kept.secret()).isEmpty());
        assertTrue(reopened.authenticate(gone.secret()).isEmpty());
        assertEquals(1, reopened.list().size());
        assertFalse(Files.exists(dir.resolve("tokens.json.tmp")));
    }

    @Test
    void aGeneratedAdminTokenIsMadeOnlyOnTheFirstStart() throws Exception {
        String secret = open().bootstrap(null).orElseThrow();
        Principal admin = open().authenticate(secret).orElseThrow().principal();
        assertEquals(TokenStore.BOOTSTRAP_ID, admin.id());
        assertTrue(admin.has(Permission.DELETE));
        assertTrue(open().bootstrap(null).isEmpty(), "the second start generates nothing");
        assertTrue(open().bootstrap("").isEmpty());
        assertEquals(1, open().list().size());
    }

    @Test
    void theConfiguredAdminTokenWinsAndReplacesAnEarlierOne() throws Exception {
        assertTrue(open().bootstrap("first-admin-token-0123456789").isEmpty());
        assertTrue(open().authenticate("first-admin-token-0123456789").isPresent());
        open().bootstrap("second-admin-token-0123456789");
        TokenStore store = open();
        assertTrue(store.authenticate("first-admin-token-0123456789").isEmpty());
        assertTrue(store.authenticate("second-admin-token-0123456789").orElseThrow().principal().has(Permission.ADMIN));
        assertEquals(1, store.list().size());
    }
}
