package io.acmectl.migrate;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Hooks;
import io.acmectl.core.RenewBefore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An imported certbot directory as a want list (the YAML {@code config-examples/want.yaml} documents):
 * per certificate its names, server, key, challenge, renew-before and hooks; certbot's hook folders as
 * global hooks. An entry whose challenge did not carry over is written commented out, so the file loads
 * and the admin sees what to fill in. Every string is double-quoted: YAML reads it back as written.
 */
public final class WantListText {
    private WantListText() {}

    public static String of(CertbotExport export) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Imported by 'acmectl import certbot' from ").append(export.directory()).append(".\n")
                .append("# Every key: config-examples/want.yaml. Stop certbot's own renewals (its timer or cron job).\n");
        if (!export.notCarriedOver().isEmpty()) {
            yaml.append("# Not carried over:\n");
            export.notCarriedOver().forEach(note -> yaml.append("#   ").append(note.replace('\n', ' ')).append('\n'));
        }
        if (!isEmpty(export.globalHooks())) {
            yaml.append("defaults:\n");
            hooks(yaml, "  ", export.globalHooks());
        }
        yaml.append(export.lineages().isEmpty() ? "certificates: []\n" : "certificates:\n");
        for (CertbotLineage lineage : export.lineages()) {
            String entry = entry(lineage.name().value(), lineage.spec());
            if (lineage.renewable()) {
                yaml.append(entry);
            } else {
                yaml.append("  # TODO: choose a challenge for this certificate, then take out the '# ' below\n");
                entry.lines().forEach(line -> yaml.append("  # ").append(line.substring(2)).append('\n'));
            }
        }
        return yaml.toString();
    }

    private static String entry(String name, CertificateSpec spec) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("  - name: ").append(quoted(name)).append('\n');
        yaml.append("    domains: ").append(list(spec.domains())).append('\n');
        boolean apexLeftOut = spec.domains().stream().anyMatch(d -> d.startsWith("www.") && d.indexOf('.', 4) > 0
                && !spec.domains().contains(d.substring(4)));
        if (apexLeftOut) {
            yaml.append("    include-apex: false\n");
        }
        yaml.append("    server: ").append(quoted(server(spec.server()))).append('\n');
        yaml.append("    key: { type: ").append(spec.key().type().id()).append(", reuse: ").append(spec.key().reuse())
                .append(" }\n");
        challenge(yaml, spec.challenges());
        if (spec.preferredChain() != null) {
            yaml.append("    preferred-chain: ").append(quoted(spec.preferredChain())).append('\n');
        }
        if (!spec.renewBefore().equals(RenewBefore.AUTO)) {
            yaml.append("    renew-before: ").append(quoted(spec.renewBefore().text())).append('\n');
        }
        if (!isEmpty(spec.hooks())) {
            hooks(yaml, "    ", spec.hooks());
        }
        return yaml.toString();
    }

    private static void challenge(StringBuilder yaml, ChallengeChoice choice) {
        if (choice.byName().isEmpty()) {
            yaml.append("    challenge: ").append(way(choice.fallback())).append('\n');
            return;
        }
        yaml.append("    challenge:\n");
        for (Map.Entry<String, ChallengeSpec> byName : choice.byName().entrySet()) {
            yaml.append("      ").append(quoted(byName.getKey())).append(": ").append(way(byName.getValue()))
                    .append('\n');
        }
    }

    private static String way(ChallengeSpec spec) {
        if (spec instanceof ChallengeSpec.Webroot webroot) {
            return "{ webroot: " + quoted(webroot.folder().toString()) + " }";
        }
        if (spec instanceof ChallengeSpec.Standalone standalone) {
            return "{ standalone: { port: " + standalone.port() + (standalone.address() == null ? ""
                    : ", address: " + quoted(standalone.address())) + " } }";
        }
        if (spec instanceof ChallengeSpec.Dns01 dns && dns.publisher() instanceof DnsPublisher.Hook hook) {
            return "{ dns: { hook: " + quoted(hook.command()) + (hook.cleanupCommand() == null ? ""
                    : ", cleanup-hook: " + quoted(hook.cleanupCommand())) + " } }";
        }
        throw new IllegalArgumentException("certbot has no " + spec.challengeType() + " to import");
    }

    private static void hooks(StringBuilder yaml, String indent, Hooks hooks) {
        yaml.append(indent).append("hooks:\n");
        if (!hooks.pre().isEmpty()) {
            yaml.append(indent).append("  pre: ").append(list(hooks.pre())).append('\n');
        }
        if (!hooks.post().isEmpty()) {
            yaml.append(indent).append("  post: ").append(list(hooks.post())).append('\n');
        }
        if (!hooks.deploy().isEmpty()) {
            yaml.append(indent).append("  deploy: ").append(list(hooks.deploy())).append('\n');
        }
    }

    private static boolean isEmpty(Hooks hooks) {
        return hooks.pre().isEmpty() && hooks.post().isEmpty() && hooks.deploy().isEmpty();
    }

    /** An alias where the directory is one (letsencrypt...), else its URL. */
    private static String server(CaServer server) {
        return CaServer.ALIASES.entrySet().stream().filter(a -> a.getValue().equals(server.directory()))
                .map(Map.Entry::getKey).findFirst().orElse(server.directory().toString());
    }

    private static String list(List<String> values) {
        return values.stream().map(WantListText::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar: backslash, quote and control characters escaped. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
