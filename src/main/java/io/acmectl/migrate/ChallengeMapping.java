package io.acmectl.migrate;

import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * certbot's authenticator as an acmectl challenge: {@code webroot} (its {@code [[webroot_map]]} of name
 * to folder, else its one {@code webroot_path}), {@code standalone} ({@code http01_port},
 * {@code http01_address}) and {@code manual} for dns-01 with a {@code manual_auth_hook} (the same
 * {@code CERTBOT_*} environment reaches it here) have one; a DNS plugin, {@code manual} for http-01,
 * {@code nginx} and {@code apache} have none here, which is said in a note.
 */
final class ChallengeMapping {
    private static final String LEFT_OUT = ": the certificate is imported and its want.yaml entry commented out; "
            + "until the entry names a challenge (webroot, standalone, tls-alpn, dns), renewals try standalone on port 80";

    private final ConfigObj.Section params;
    private final String file;
    private final List<String> names;
    private final List<String> notes;

    ChallengeMapping(ConfigObj.Section params, String file, List<String> names, List<String> notes) {
        this.params = params;
        this.file = file;
        this.names = names;
        this.notes = notes;
    }

    /** A DNS plugin's own settings ({@code dns_cloudflare_credentials}...) are covered by its note. */
    static boolean ownsKey(ConfigObj.Section params, String key) {
        return key.equals("webroot_map") || params.text("authenticator")
                .map(a -> key.startsWith(a.replace('-', '_') + "_")).orElse(false);
    }

    /** The challenge, or null (with a note) when certbot's way has no counterpart here. */
    ChallengeChoice challenges() {
        String authenticator = params.text("authenticator").orElse("standalone");
        return switch (authenticator) {
            case "webroot" -> webroot();
            case "standalone" -> ChallengeChoice.of(new ChallengeSpec.Standalone(port(),
                    params.text("http01_address").orElse(null)));
            case "manual" -> manual();
            default -> leftOut("authenticator " + authenticator);
        };
    }

    /** dns-01 by certbot's own hook scripts, which read the same environment here; http-01 by hand has none. */
    private ChallengeChoice manual() {
        Optional<String> hook = params.text("manual_auth_hook");
        List<String> preferred = Optional.ofNullable(params.values().get("pref_challs"))
                .map(ConfigObj.Value::items).orElse(List.of());
        boolean dns = preferred.stream().map(String::strip).anyMatch(c -> c.equals("dns-01") || c.equals("dns"));
        if (hook.isEmpty() || !dns) {
            return leftOut("authenticator manual" + (hook.isEmpty() ? " without a manual_auth_hook"
                    : " for http-01 (with its manual_auth_hook)"));
        }
        return ChallengeChoice.of(new ChallengeSpec.Dns01(new DnsPublisher.Hook(hook.get(),
                params.text("manual_cleanup_hook").orElse(null), null)));
    }

    private int port() {
        String port = params.text("http01_port").orElse(null);
        if (port == null) {
            return ChallengeSpec.Standalone.DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new Failure.BadInput("http01_port " + Quote.of(port) + " is not a port number", e);
        }
    }

    private ChallengeChoice webroot() {
        ConfigObj.Section map = params.child("webroot_map");
        List<String> paths = Optional.ofNullable(params.values().get("webroot_path")).map(ConfigObj.Value::items)
                .orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        Map<String, ChallengeSpec> byName = new LinkedHashMap<>();
        for (String name : names) {
            Optional<String> folder = map.text(name).or(() -> paths.size() == 1 ? Optional.of(paths.get(0))
                    : Optional.empty());
            if (folder.isEmpty()) {
                return leftOut("webroot for " + Quote.of(name) + " (in neither [[webroot_map]] nor a single "
                        + "webroot_path)");
            }
            byName.put(name, new ChallengeSpec.Webroot(Path.of(folder.get())));
        }
        if (byName.isEmpty()) {
            return leftOut("webroot without a folder");
        }
        ChallengeSpec first = byName.values().iterator().next();
        if (byName.values().stream().allMatch(first::equals)) {
            return ChallengeChoice.of(first);
        }
        return new ChallengeChoice(first, byName);
    }

    private ChallengeChoice leftOut(String what) {
        notes.add(file + ": " + what + " is not carried over" + LEFT_OUT);
        return null;
    }
}
