package io.acmectl.config;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.Quote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code dns:} (or {@code dns-persist:}) challenge's publisher, checked where it stands: exactly one
 * of {@code hook} and {@code rfc2136}, a cleanup hook only beside a hook, a positive timeout, and the
 * RFC 2136 server, key name, known algorithm and secret file.
 */
final class DnsSettings {
    static final String WAYS = "{ hook: COMMAND, cleanup-hook: COMMAND } or { rfc2136: { server: ADDR, key-name: K, "
            + "secret-file: FILE } }";
    /** The TSIG algorithms dnsjava signs with (RFC 8945 section 6). */
    static final Set<String> ALGORITHMS = Set.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256",
            "hmac-sha384", "hmac-sha512");

    private final Positions positions;

    DnsSettings(Positions positions) {
        this.positions = positions;
    }

    /** The publisher at {@code pointer} ({@code /certificates/0/challenge/dns}). */
    DnsPublisher publisher(DnsYaml dns, String pointer) {
        boolean hook = dns.hook() != null;
        if (hook == (dns.rfc2136() != null)) {
            throw positions.fail(pointer, "a DNS challenge needs exactly one publisher: " + WAYS);
        }
        if (!hook) {
            if (dns.cleanupHook() != null || dns.hookTimeout() != null) {
                throw positions.fail(pointer + (dns.cleanupHook() != null ? "/cleanup-hook" : "/hook-timeout"),
                        "belongs to a hook, not to rfc2136");
            }
            return rfc2136(dns.rfc2136(), pointer + "/rfc2136");
        }
        if (dns.hook().isBlank()) {
            throw positions.fail(pointer + "/hook", "the DNS hook is empty");
        }
        if (dns.cleanupHook() != null && dns.cleanupHook().isBlank()) {
            throw positions.fail(pointer + "/cleanup-hook", "the DNS cleanup hook is empty");
        }
        if (dns.hookTimeout() != null && dns.hookTimeout() < 1) {
            throw positions.fail(pointer + "/hook-timeout", "hook-timeout is in seconds and must be at least 1");
        }
        return new DnsPublisher.Hook(dns.hook(), dns.cleanupHook(),
                dns.hookTimeout() == null ? null : Duration.ofSeconds(dns.hookTimeout()));
    }

    private DnsPublisher rfc2136(DnsYaml.Rfc2136 given, String pointer) {
        if (given.port() != null && (given.port() < 1 || given.port() > 65535)) {
            throw positions.fail(pointer + "/port", "port " + given.port() + " is not between 1 and 65535");
        }
        HostPort server;
        try {
            server = HostPort.parse(required(given.server(), pointer, "server"),
                    given.port() == null ? DnsPublisher.Rfc2136.DEFAULT_PORT : given.port());
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer + "/server", "rfc2136 server " + e.getMessage());
        }
        String keyName = required(given.keyName(), pointer, "key-name");
        String secretFile = required(given.secretFile(), pointer, "secret-file");
        String algorithm = given.algorithm() == null ? null : given.algorithm().trim().toLowerCase(Locale.ROOT);
        if (algorithm != null && !ALGORITHMS.contains(algorithm)) {
            throw positions.fail(pointer + "/algorithm", Quote.of(given.algorithm()) + " is no TSIG algorithm: "
                    + String.join(", ", ALGORITHMS.stream().sorted().toList()));
        }
        return new DnsPublisher.Rfc2136(server, given.zone(), keyName, algorithm, Path.of(secretFile));
    }

    private String required(String value, String pointer, String key) {
        if (value == null || value.isBlank()) {
            throw positions.fail(pointer, "rfc2136 needs " + key);
        }
        return value;
    }
}
