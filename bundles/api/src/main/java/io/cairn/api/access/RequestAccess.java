package io.cairn.api.access;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What one request may do, left by the security bundle as the request attribute {@link #ATTRIBUTE}.
 * A request without it (security off, or an open path) may do everything and sees every row.
 */
@ProviderType
public interface RequestAccess {
    /** The request attribute that holds the request's access. */
    String ATTRIBUTE = "cairn.access";

    /**
     * Returns whether the request may use a permission on a database and measurement.
     *
     * @param measurement null for the database as a whole (e.g. SHOW commands, discovery of measurements)
     */
    boolean permits(Permission permission, String database, String measurement);

    /** Returns the rows of a measurement the request may read; {@link RowFilter#ALL} when unrestricted. */
    RowFilter rowFilter(String database, String measurement);
}
