package io.acmectl.core;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A CA's ACME directory, named by an alias or given as an https URL. */
public record CaServer(String name, URI directory) {
    /** Aliases a user can type instead of a directory URL; everything else comes from the directory. */
    public static final Map<String, URI> ALIASES = aliases();

    /** Aliases of CAs that stopped offering ACME, with what to tell someone who still names them. */
    private static final Map<String, String> ENDED = Map.of(
            "buypass", "Buypass ended its ACME service in April 2026: choose another CA (acmectl servers lists them)",
            "buypass-staging", "Buypass ended its ACME service in April 2026: choose another CA (acmectl servers "
                    + "lists them)");

    /**
     * What each text resolved to in this process: a want list or a store of 1,000 certificates names one
     * or two servers, and parsing the URL for each was a third of reading back a cached want list.
     */
    private static final Map<String, CaServer> RESOLVED = new ConcurrentHashMap<>();

    public static CaServer resolve(String nameOrUrl) {
        return RESOLVED.computeIfAbsent(nameOrUrl, CaServer::parse); // what is refused is not kept: it throws
    }

    private static CaServer parse(String nameOrUrl) {
        String key = nameOrUrl.trim();
        URI alias = ALIASES.get(key.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return new CaServer(key.toLowerCase(Locale.ROOT), alias);
        }
        if (ENDED.containsKey(key.toLowerCase(Locale.ROOT))) {
            throw new Failure.BadInput(ENDED.get(key.toLowerCase(Locale.ROOT)));
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
            throw new Failure.BadInput("invalid ACME directory URL " + Quote.of(key));
        }
        throw new Failure.BadInput("unknown server " + Quote.of(key) + ": use an https:// directory URL or one of "
                + String.join(", ", ALIASES.keySet()));
    }

    /** One CA is one directory, whatever alias named it: a store keeps only the URL. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CaServer server && directory.equals(server.directory);
    }

    @Override
    public int hashCode() {
        return directory.hashCode();
    }

    /** The CAs whose staging twin a dry run uses, as certbot does: same rules, far higher rate limits. */
    private static final Map<String, String> STAGING = Map.of(
            "https://acme-v02.api.letsencrypt.org/directory", "letsencrypt-staging",
            "https://dv.acme-v02.api.pki.goog/directory", "google-staging");

    /** Where a dry run goes: the staging twin of a public CA that has one, else this server itself. */
    public CaServer forDryRun() {
        String twin = STAGING.get(directory.toString());
        return twin == null ? this : resolve(twin);
    }

    /**
     * The issuer domain a dns-persist-01 record names for this CA, where it is known before any
     * challenge says it ({@code issuer-domain-names}); empty for the others.
     */
    public java.util.Optional<String> dnsPersistIssuerDomain() {
        return isLetsEncrypt() ? java.util.Optional.of("letsencrypt.org") : java.util.Optional.empty();
    }

    /** Let's Encrypt, production or staging, by its directory URL whatever alias named it. */
    public boolean isLetsEncrypt() {
        String url = directory.toString();
        return url.equals(ALIASES.get("letsencrypt").toString())
                || url.equals(ALIASES.get("letsencrypt-staging").toString());
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
        aliases.put("google", URI.create("https://dv.acme-v02.api.pki.goog/directory"));
        aliases.put("google-staging", URI.create("https://dv.acme-v02.test-api.pki.goog/directory"));
        aliases.put("pebble", URI.create("https://localhost:14000/dir"));
        return java.util.Collections.unmodifiableMap(aliases);
    }
}
