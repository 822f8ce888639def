package io.acmectl.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How acmectl puts a TXT record into DNS and takes it out again, for dns-01 and dns-persist-01. One
 * record per way; the {@code challenge} package opens the publisher for each.
 */
public sealed interface DnsPublisher {
    /**
     * Commands in certbot's manual-hook style: run without a shell splice, told the record through
     * the environment ({@code CERTBOT_DOMAIN}, {@code CERTBOT_VALIDATION}, {@code ACMECTL_TXT_NAME}...).
     * {@code cleanupCommand} may be null (nothing to remove); {@code timeout} bounds each run.
     */
    record Hook(String command, String cleanupCommand, Duration timeout) implements DnsPublisher {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

        public Hook {
            if (command == null || command.isBlank()) {
                throw new Failure.BadInput("a DNS hook needs a command");
            }
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }
    }

    /**
     * RFC 2136 dynamic updates signed with TSIG (RFC 8945). {@code zone} null: found by SOA lookup.
     * {@code secretFile} holds the base64 secret and must be readable by its owner only.
     */
    record Rfc2136(HostPort server, String zone, String keyName, String algorithm, Path secretFile)
            implements DnsPublisher {
        public static final int DEFAULT_PORT = 53;
        public static final String DEFAULT_ALGORITHM = "hmac-sha256";

        public Rfc2136 {
            Objects.requireNonNull(server, "server");
            if (keyName == null || keyName.isBlank()) {
                throw new Failure.BadInput("an RFC 2136 publisher needs a TSIG key name");
            }
            if (secretFile == null) {
                throw new Failure.BadInput("an RFC 2136 publisher needs a secret file");
            }
            algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
            secretFile = secretFile.toAbsolutePath();
        }
    }
}
