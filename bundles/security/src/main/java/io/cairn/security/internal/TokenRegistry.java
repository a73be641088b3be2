package io.cairn.security.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token store of this node, opened under {@code <data>/security/} and seeded with the first
 * admin token from the framework property {@code cairn.admin.token} (env {@code CAIRN_ADMIN_TOKEN}),
 * or a generated one logged once at WARN.
 */
@Component(service = TokenRegistry.class, configurationPid = "io.cairn.security.tokens")
@Designate(ocd = TokenRegistry.Config.class)
public final class TokenRegistry {
    /** The framework property holding the first admin token. */
    static final String ADMIN_TOKEN_PROPERTY = "cairn.admin.token";
    /** Configured admin tokens shorter than this are accepted with a warning. */
    static final int MIN_ADMIN_TOKEN = 24;
    private static final Logger LOG = LoggerFactory.getLogger(TokenRegistry.class);

    /** Configuration of the token store. */
    @ObjectClassDefinition(name = "Cairn API tokens")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty = framework property cairn.data.dir, else 'data'")
        String data_dir() default "";
    }

    private final TokenStore store;

    @Activate
    public TokenRegistry(BundleContext context, Config config) throws IOException {
        Path directory = FrameworkSettings.securityDirectory(config.data_dir(), context);
        this.store = new TokenStore(directory, Clock.systemUTC());
        String configured = context.getProperty(ADMIN_TOKEN_PROPERTY);
        if (configured != null && !configured.isBlank() && configured.trim().length() < MIN_ADMIN_TOKEN) {
            LOG.warn("The configured admin token (CAIRN_ADMIN_TOKEN) has fewer than {} characters: use a long random value",
                    MIN_ADMIN_TOKEN);
        }
        Optional<String> generated = store.bootstrap(configured);
        generated.ifPresent(secret -> LOG.warn("No admin token was configured (CAIRN_ADMIN_TOKEN / cairn.admin.token), "
                + "so Cairn generated one. It is shown ONLY THIS ONCE; store it now: {}  "
                + "(use it as 'Authorization: Bearer <token>' to create other tokens at /api/v1/auth/tokens)", secret));
        LOG.debug("token store opened in {} with {} tokens", directory, store.list().size());
    }

    /** Returns the store. */
    TokenStore store() {
        return store;
    }
}
