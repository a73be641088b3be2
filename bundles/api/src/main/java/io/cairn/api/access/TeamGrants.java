package io.cairn.api.access;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The RBAC provider (an enterprise bundle): the role grants a token holds through its teams. The
 * security bundle combines them with the token's own permissions: a grant of any matching role
 * permits; when none does, the token's own permissions decide.
 */
@ProviderType
public interface TeamGrants {
    /** Returns the grants of a token through its teams, empty when it belongs to no team. */
    List<RoleGrant> grants(String tokenId);

    /** Returns the ids of the teams a token belongs to. */
    List<String> teamsOf(String tokenId);

    /**
     * Adds a token to a team.
     *
     * @throws IllegalArgumentException when the team does not exist
     */
    void addTeam(String tokenId, String teamId);

    /** Removes a token from a team; returns whether it was a member. */
    boolean removeTeam(String tokenId, String teamId);

    /** Forgets a deleted token's memberships. */
    void tokenDeleted(String tokenId);
}
