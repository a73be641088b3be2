package io.cairn.enterprise.audit.internal;

/** An audit record placed in the chain: its sequence number, the previous event's hash and its own. */
record AuditEvent(long seq, AuditRecord record, String prevHash, String hash) {
}
