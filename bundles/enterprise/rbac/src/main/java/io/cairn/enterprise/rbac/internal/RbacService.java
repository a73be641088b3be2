package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.TeamGrants;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RBAC model of this node, opened from {@code <data>/rbac/rbac.json} and offered to the security
 * bundle as {@link TeamGrants} (the grants tokens hold through their teams).
 */
@Component(service = {TeamGrants.class, RbacService.class}, immediate = true, configurationPid = "io.cairn.enterprise.rbac")
@Designate(ocd = RbacService.Config.class)
public final class RbacService implements TeamGrants {
    private static final Logger LOG = LoggerFactory.getLogger(RbacService.class);

    /** Configuration of the RBAC model. */
    @ObjectClassDefinition(name = "Cairn RBAC")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty = framework property cairn.data.dir, else 'data'")
        String data_dir() default "";
    }

    private final RbacStore store;

    @Activate
    public RbacService(BundleContext context, Config config) throws IOException {
        this(modelFile(config.data_dir(), context.getProperty("cairn.data.dir")));
    }

    RbacService(Path file) throws IOException {
        this.store = new RbacStore(file);
        RbacData data = store.data();
        LOG.debug("RBAC model opened from {}: {} organizations, {} teams, {} roles, {} tokens with teams", file,
                data.organizations().size(), data.teams().size(), data.roles().size(), data.memberships().size());
    }

    /** Returns {@code rbac/rbac.json} under the configured data directory, else {@code cairn.data.dir}, else "data". */
    static Path modelFile(String configured, String frameworkDataDir) {
        String dir = configured;
        if (dir == null || dir.isBlank()) {
            dir = frameworkDataDir;
        }
        if (dir == null || dir.isBlank()) {
            dir = "data";
        }
        return Path.of(dir, "rbac", "rbac.json");
    }

    /** Returns the model, for the REST API. */
    RbacStore store() {
        return store;
    }

    @Override
    public List<RoleGrant> grants(String tokenId) {
        return store.grants(tokenId);
    }

    @Override
    public List<String> teamsOf(String tokenId) {
        return store.teamsOf(tokenId);
    }

    @Override
    public void addTeam(String tokenId, String teamId) {
        store.addTeam(tokenId, teamId);
    }

    @Override
    public boolean removeTeam(String tokenId, String teamId) {
        return store.removeTeam(tokenId, teamId);
    }

    @Override
    public void tokenDeleted(String tokenId) {
        store.tokenDeleted(tokenId);
    }
}
