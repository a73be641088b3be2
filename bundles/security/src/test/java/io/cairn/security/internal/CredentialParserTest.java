package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.security.internal.Credential.Source;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialParserTest {
    private static Optional<Credential> parse(String authorization, String apiKey, String path, String query) {
        return CredentialParser.parse(authorization, apiKey, path, query);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachHeaderFormGivesTheSecret() {
        assertEquals(new Credential(Source.BEARER, "t1"), parse("Bearer t1", null, "/api/v1/query", null).get());
        assertEquals(new Credential(Source.BEARER, "t1"), parse("bearer   t1 ", null, "/api/v1/query", null).get());
        assertEquals(new Credential(Source.TOKEN, "t2"), parse("Token t2", null, "/api/v2/write", null).get());
        assertEquals(new Credential(Source.BASIC, "t3"), parse(basic("telegraf:t3"), null, "/write", null).get());
        assertEquals(new Credential(Source.BASIC, "t4"), parse(basic("t4:"), null, "/write", null).get());
        assertEquals(new Credential(Source.API_KEY, "t5"), parse(null, "t5", "/api/v1/write", null).get());
        assertEquals(new Credential(Source.QUERY, "t+6"), parse(null, null, "/write", "db=x&u=me&p=t%2B6").get());
        assertEquals(new Credential(Source.QUERY, "t7"), parse(null, null, "/query", "p=t7").get());
    }

    @Test
    void theAuthorizationHeaderWinsOverTheOthers() {
        assertEquals("a", parse("Bearer a", "b", "/write", "p=c").get().secret());
        assertEquals("b", parse(null, "b", "/write", "p=c").get().secret());
    }

    @Test
    void queryParametersCountOnlyOnTheInfluxDb1Paths() {
        assertTrue(parse(null, null, "/api/v1/write", "p=secret").isEmpty());
        assertTrue(parse(null, null, "/write", "u=me").isEmpty());
        assertTrue(parse(null, null, "/write", null).isEmpty());
    }

    @Test
    void malformedHeadersGiveAnEmptySecretThatNeverMatches() {
        assertEquals("", parse("Basic !!!notbase64", null, "/write", null).get().secret());
        assertEquals("", parse("Digest abc", null, "/write", null).get().secret());
        assertEquals("", parse("Bearer", null, "/write", null).get().secret());
    }
}
