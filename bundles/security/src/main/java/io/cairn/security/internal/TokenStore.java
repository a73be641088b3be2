package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens: created with a 256-bit random secret shown once, kept only as the SHA-256 digest of
 * that secret, proven by comparing digests in constant time, rotated and deleted; durable in
 * {@code tokens.json} under the directory it is given.
 */
final class TokenStore {
    /** The prefix of every generated secret, so leaked tokens are easy to recognise and scan for. */
    static final String PREFIX = "cairn_";
    /** The id of the first admin token (configured or generated). */
    static final String BOOTSTRAP_ID = "bootstrap-admin";

    private final TokenFile file;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile List<TokenRecord> snapshot;
    private final Map<String, TokenRecord> tokens;

    TokenStore(Path directory, Clock clock) throws IOException {
        this.file = new TokenFile(directory.resolve("tokens.json"));
        this.clock = clock;
        this.tokens = file.read();
        this.snapshot = List.copyOf(tokens.values());
    }

    /**
     * Makes sure a first admin token exists: the configured secret when one is given (replacing an
     * earlier configured one), else a generated one when the store is new.
     *
     * @return the generated secret, to be shown once; empty when nothing was generated
     */
    synchronized Optional<String> bootstrap(String configured) throws IOException {
        if (configured != null && !configured.isBlank()) {
            TokenRecord old = tokens.get(BOOTSTRAP_ID);
            byte[] digest = digest(configured.trim());
            if (old == null || !MessageDigest.isEqual(old.sha256(), digest)) {
                tokens.put(BOOTSTRAP_ID, new TokenRecord(BOOTSTRAP_ID, "configured admin token", digest,
                        Set.of(Permission.ADMIN), null, clock.instant(), null));
                save();
            }
            return Optional.empty();
        }
        if (!tokens.isEmpty() || file.exists()) {
            return Optional.empty();
        }
        String secret = newSecret();
        tokens.put(BOOTSTRAP_ID, new TokenRecord(BOOTSTRAP_ID, "generated admin token", digest(secret),
                Set.of(Permission.ADMIN), null, clock.instant(), null));
        save();
        return Optional.of(secret);
    }

    /** Creates a token and returns it with its secret. */
    synchronized IssuedToken create(String name, Set<Permission> permissions, String tenant) throws IOException {
        String id;
        do {
            id = HexFormat.of().formatHex(bytes(8));
        } while (tokens.containsKey(id));
        String secret = newSecret();
        TokenRecord record = new TokenRecord(id, name, digest(secret), permissions, tenant, clock.instant(), null);
        tokens.put(id, record);
        save();
        return new IssuedToken(record, secret);
    }

    /** Returns every token, oldest first. */
    List<TokenRecord> list() {
        return snapshot;
    }

    /** Returns one token. */
    Optional<TokenRecord> get(String id) {
        return snapshot.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Deletes a token; its secret stops working at once. Returns false when there was none. */
    synchronized boolean delete(String id) throws IOException {
        if (tokens.remove(id) == null) {
            return false;
        }
        save();
        return true;
    }

    /** Gives a token a new secret; the old one stops working at once. */
    synchronized Optional<IssuedToken> rotate(String id) throws IOException {
        TokenRecord old = tokens.get(id);
        if (old == null) {
            return Optional.empty();
        }
        String secret = newSecret();
        TokenRecord record = old.withSecret(digest(secret), clock.instant());
        tokens.put(id, record);
        save();
        return Optional.of(new IssuedToken(record, secret));
    }

    /** Returns the token a presented secret proves, comparing against every digest in constant time. */
    Optional<TokenRecord> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        TokenRecord match = null;
        for (TokenRecord r : snapshot) {
            if (MessageDigest.isEqual(r.sha256(), digest)) {
                match = r;
            }
        }
        return Optional.ofNullable(match);
    }

    private void save() throws IOException {
        List<TokenRecord> copy = new ArrayList<>(tokens.values());
        try {
            file.write(copy);
        } catch (IOException e) {
            tokens.clear();
            tokens.putAll(fromSnapshot());
            throw e;
        }
        snapshot = List.copyOf(copy);
    }

    private Map<String, TokenRecord> fromSnapshot() {
        Map<String, TokenRecord> map = new LinkedHashMap<>();
        snapshot.forEach(r -> map.put(r.id(), r));
        return map;
    }

    private String newSecret() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Returns the SHA-256 digest of a secret's UTF-8 bytes. */
    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("the JDK lacks SHA-256", e));
        }
    }
}
