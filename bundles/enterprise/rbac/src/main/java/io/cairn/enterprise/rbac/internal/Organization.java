package io.cairn.enterprise.rbac.internal;

/** An organization: the top of the RBAC tree, owning teams. */
record Organization(String id, String name, String description) implements RbacObject {
}
