package io.cairn.vendor.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a vendor tool command. */
final class Arguments {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> environment;

    Arguments(String[] args, int from, Map<String, String> environment) throws VendorToolException {
        this.environment = environment;
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new VendorToolException("expected --option value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    String required(String name) throws VendorToolException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new VendorToolException("missing --" + name);
        }
        return value;
    }

    String optional(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    Path path(String name) throws VendorToolException {
        return Path.of(required(name));
    }

    /** The key store password: {@code --storepass}, else the environment variable CAIRN_VENDOR_STOREPASS. */
    char[] storePassword() throws VendorToolException {
        String value = values.getOrDefault("storepass", environment.get("CAIRN_VENDOR_STOREPASS"));
        if (value == null || value.isEmpty()) {
            throw new VendorToolException("give the key store password with --storepass or CAIRN_VENDOR_STOREPASS");
        }
        return value.toCharArray();
    }
}
