package io.cairn.api.store;

/**
 * Whether a store can serve reads and writes now.
 *
 * @param healthy true when it can
 * @param detail a reason a person can read, especially when it cannot
 */
public record StoreHealth(boolean healthy, String detail) {
}
