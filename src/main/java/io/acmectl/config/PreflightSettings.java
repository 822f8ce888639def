package io.acmectl.config;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.PreflightChecks;
import io.acmectl.core.Quote;
import java.time.Duration;
import java.util.List;

/**
 * The want list's run-level checks before the CA is asked ({@code self-check},
 * {@code ca-validation-ports}, {@code self-check-resolver}, {@code dns-resolver},
 * {@code dns-propagation-timeout}), as a {@link PreflightChecks} over the defaults; null when the
 * file sets none. They are the file's own, so a mistake in one stops the whole file.
 */
final class PreflightSettings {
    private static final String PORTS = "ca-validation-ports";

    private final Positions positions;

    PreflightSettings(Positions positions) {
        this.positions = positions;
    }

    PreflightChecks of(WantListYaml.File parsed) {
        if (parsed.selfCheck() == null && parsed.caValidationPorts() == null && parsed.selfCheckResolver() == null
                && parsed.dnsResolver() == null && parsed.dnsPropagationTimeout() == null) {
            return null;
        }
        PreflightChecks checks = PreflightChecks.DEFAULT;
        if (parsed.selfCheck() != null) {
            checks = checks.withSelfCheck(parsed.selfCheck());
        }
        if (parsed.caValidationPorts() != null) {
            int[] ports = ports(parsed.caValidationPorts());
            checks = checks.withCaValidationPorts(ports[0], ports[1]);
        }
        if (parsed.selfCheckResolver() != null) {
            checks = checks.withSelfCheckResolver(resolver("self-check-resolver", parsed.selfCheckResolver()));
        }
        if (parsed.dnsResolver() != null) {
            checks = checks.withDnsResolver(resolver("dns-resolver", parsed.dnsResolver()));
        }
        if (parsed.dnsPropagationTimeout() != null) {
            if (parsed.dnsPropagationTimeout() < 0) {
                throw positions.fail("/dns-propagation-timeout", "dns-propagation-timeout cannot be negative "
                        + "(seconds; 0 skips the check)");
            }
            checks = checks.withDnsPropagationTimeout(Duration.ofSeconds(parsed.dnsPropagationTimeout()));
        }
        return checks;
    }

    /** {@code "HTTP,TLS"} or {@code [HTTP, TLS]}: two ports, each where it stands. */
    private int[] ports(Object value) {
        List<?> items = value instanceof String text ? List.of((Object[]) text.split(",", -1))
                : value instanceof List<?> list ? list : List.of(value);
        if (items.size() != 2) {
            throw positions.fail("/" + PORTS, PORTS + " " + Quote.of(String.valueOf(value)) + " is not HTTP,TLS "
                    + "(two ports, such as \"80,443\" or [5002, 5001])");
        }
        int[] ports = new int[2];
        for (int i = 0; i < 2; i++) {
            String pointer = "/" + PORTS + (value instanceof List<?> ? "/" + i : "");
            Object item = items.get(i);
            try {
                ports[i] = item instanceof Integer number ? number : Integer.parseInt(String.valueOf(item).trim());
            } catch (NumberFormatException e) {
                throw positions.fail(pointer, PORTS + ": " + Quote.of(String.valueOf(item)) + " is not a port number");
            }
            if (ports[i] < 1 || ports[i] > 65535) {
                throw positions.fail(pointer, PORTS + ": port " + ports[i] + " is not between 1 and 65535");
            }
        }
        return ports;
    }

    private HostPort resolver(String key, String text) {
        try {
            return HostPort.parse(text, 53);
        } catch (Failure.BadInput e) {
            throw positions.fail("/" + key, key + " " + e.getMessage() + " (ADDR:PORT, such as 127.0.0.1:53)");
        }
    }
}
