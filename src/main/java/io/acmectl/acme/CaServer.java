package io.acmectl.acme;

import io.acmectl.AcmectlException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A CA's ACME directory, named by an alias or given as an https URL. */
public record CaServer(String name, URI directory) {
    /** Aliases a user can type instead of a directory URL; everything else comes from the directory. */
    public static final Map<String, URI> ALIASES = aliases();

    public static CaServer resolve(String nameOrUrl) {
        String key = nameOrUrl.trim();
        URI alias = ALIASES.get(key.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return new CaServer(key.toLowerCase(Locale.ROOT), alias);
        }
        if (key.startsWith("https://")) {
            try {
                URI uri = new URI(key);
                if (uri.getHost() != null) {
                    return new CaServer(key, uri);
                }
            } catch (java.net.URISyntaxException e) {
                // falls through to the error below
            }
            throw AcmectlException.usage("invalid ACME directory URL '" + key + "'");
        }
        throw AcmectlException.usage("unknown server '" + key + "': use an https:// directory URL or one of "
                + String.join(", ", ALIASES.keySet()));
    }

    /** The folder name for this server's accounts: host, and port when one is given. */
    public String id() {
        return directory.getHost().toLowerCase(Locale.ROOT)
                + (directory.getPort() > 0 ? "_" + directory.getPort() : "");
    }

    private static Map<String, URI> aliases() {
        Map<String, URI> aliases = new LinkedHashMap<>();
        aliases.put("letsencrypt", URI.create("https://acme-v02.api.letsencrypt.org/directory"));
        aliases.put("letsencrypt-staging", URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
        aliases.put("zerossl", URI.create("https://acme.zerossl.com/v2/DV90"));
        aliases.put("buypass", URI.create("https://api.buypass.com/acme/directory"));
        aliases.put("buypass-staging", URI.create("https://api.test4.buypass.no/acme/directory"));
        aliases.put("google", URI.create("https://dv.acme-v02.api.pki.goog/directory"));
        aliases.put("google-staging", URI.create("https://dv.acme-v02.test-api.pki.goog/directory"));
        aliases.put("pebble", URI.create("https://localhost:14000/dir"));
        return java.util.Collections.unmodifiableMap(aliases);
    }
}
