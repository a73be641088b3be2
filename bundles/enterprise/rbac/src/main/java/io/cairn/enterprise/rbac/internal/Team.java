package io.cairn.enterprise.rbac.internal;

/** A team of an organization: tokens belong to teams and receive the permissions of the team's roles. */
record Team(String id, String organizationId, String name, String description) implements RbacObject {
}
