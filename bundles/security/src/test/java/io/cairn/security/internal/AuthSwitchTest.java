package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthSwitchTest {
    @Test
    void authenticationIsOnUnlessOneSwitchSaysFalse() {
        assertTrue(AuthFilter.enabled(true, null));
        assertTrue(AuthFilter.enabled(true, "true"));
        assertTrue(AuthFilter.enabled(true, ""));
        assertFalse(AuthFilter.enabled(true, "false"));
        assertFalse(AuthFilter.enabled(true, " FALSE "));
        assertFalse(AuthFilter.enabled(false, null));
    }
}
