package io.cairn.enterprise.rbac.internal;

/** An object of the RBAC model: an organization, team, role or measurement permission. */
sealed interface RbacObject permits Organization, Team, Role, MeasurementPermission {
    /** Returns the generated id, prefixed by the kind ({@code org_}, {@code team_}, {@code role_}, {@code mp_}). */
    String id();
}
