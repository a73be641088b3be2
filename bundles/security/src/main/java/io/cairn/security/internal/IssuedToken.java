package io.cairn.security.internal;

/** A token just created or rotated, with the secret that is shown this once and never stored. */
record IssuedToken(TokenRecord record, String secret) {
}
