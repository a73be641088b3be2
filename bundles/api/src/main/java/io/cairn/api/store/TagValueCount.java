package io.cairn.api.store;

/**
 * A value of a tag key with the number of series of a measurement that carry it.
 *
 * @param value the tag value
 * @param series how many series carry it, or -1 when the store cannot count
 */
public record TagValueCount(String value, long series) {
}
