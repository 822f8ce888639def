package io.acmectl.cli;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * dns-01 (or, with {@code --dns-persist}, dns-persist-01) on the command line: exactly one TXT
 * publisher, certbot-style hooks or RFC 2136 updates.
 */
final class DnsOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Publisher publisher;

    @Option(names = "--dns-persist",
            description = "Prove control by dns-persist-01 (one lasting TXT record per name) instead of dns-01.")
    boolean persist;

    static final class Publisher {
        @ArgGroup(exclusive = false)
        Hook hook;

        @ArgGroup(exclusive = false)
        Rfc2136 rfc2136;
    }

    static final class Hook {
        @Option(names = "--dns-hook", paramLabel = "COMMAND", required = true,
                description = "Answer dns-01 by running COMMAND (/bin/sh -c) to add each TXT record; it gets "
                        + "certbot's CERTBOT_DOMAIN, CERTBOT_VALIDATION... and ACMECTL_TXT_NAME, ACMECTL_TXT_VALUE.")
        String command;

        @Option(names = "--dns-cleanup-hook", paramLabel = "COMMAND",
                description = "Run COMMAND to remove each TXT record again (same variables, and CERTBOT_AUTH_OUTPUT).")
        String cleanup;

        @Option(names = "--dns-hook-timeout", paramLabel = "SECONDS",
                description = "Stop a DNS hook that runs longer (default: 120).")
        Integer timeoutSeconds;
    }

    static final class Rfc2136 {
        @Option(names = "--rfc2136-server", paramLabel = "ADDR[:PORT]", required = true,
                description = "Answer dns-01 by RFC 2136 dynamic updates to this DNS server (default port 53).")
        String server;

        @Option(names = "--rfc2136-key-name", paramLabel = "NAME", required = true, description = "The TSIG key's name.")
        String keyName;

        @Option(names = "--rfc2136-secret-file", paramLabel = "FILE", required = true,
                description = "The file holding the TSIG secret (base64), readable by its owner only.")
        Path secretFile;

        @Option(names = "--rfc2136-zone", paramLabel = "ZONE", description = "The zone to update (default: found by SOA lookup).")
        String zone;

        @Option(names = "--rfc2136-algorithm", paramLabel = "ALGORITHM",
                description = "The TSIG algorithm (default: hmac-sha256).")
        String algorithm;
    }

    ChallengeSpec spec() {
        DnsPublisher published = publisher();
        return persist ? new ChallengeSpec.DnsPersist01(published) : new ChallengeSpec.Dns01(published);
    }

    private DnsPublisher publisher() {
        if (publisher.hook != null) {
            Hook hook = publisher.hook;
            if (hook.timeoutSeconds != null && hook.timeoutSeconds < 1) {
                throw new Failure.BadInput("--dns-hook-timeout is in seconds and must be at least 1");
            }
            return new DnsPublisher.Hook(hook.command, hook.cleanup,
                    hook.timeoutSeconds == null ? null : Duration.ofSeconds(hook.timeoutSeconds));
        }
        Rfc2136 rfc = publisher.rfc2136;
        HostPort server;
        try {
            server = HostPort.parse(rfc.server, DnsPublisher.Rfc2136.DEFAULT_PORT);
        } catch (Failure.BadInput e) {
            throw new Failure.BadInput("--rfc2136-server " + e.getMessage());
        }
        return new DnsPublisher.Rfc2136(server, rfc.zone, rfc.keyName,
                rfc.algorithm == null ? null : rfc.algorithm.trim().toLowerCase(Locale.ROOT), rfc.secretFile);
    }
}
