package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.PreflightChecks;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options that say what is checked before the CA is asked to validate (see {@link
 * PreflightChecks}); an option left out keeps what the want list (or the default) says.
 */
final class CheckOptions {
    @Option(names = "--no-self-check", scope = ScopeType.INHERIT,
            description = "Ask the CA to validate without first checking that the answer is reachable the way "
                    + "the CA will fetch it.")
    boolean noSelfCheck;

    @Option(names = "--ca-validation-ports", scope = ScopeType.INHERIT, paramLabel = "HTTP,TLS",
            description = "Where this CA connects to validate http-01 and tls-alpn-01, for the self-check "
                    + "(default: 80,443; Pebble: its httpPort,tlsPort).")
    String caValidationPorts;

    @Option(names = "--self-check-resolver", scope = ScopeType.INHERIT, paramLabel = "ADDR:PORT",
            description = "Resolve names for the self-check with this DNS server (default: the system's).")
    String selfCheckResolver;

    @Option(names = "--dns-resolver", scope = ScopeType.INHERIT, paramLabel = "ADDR:PORT",
            description = "Ask this DNS server for name servers and CNAMEs before dns-01 (default: the system's).")
    String dnsResolver;

    @Option(names = "--dns-propagation-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Wait up to this long for every authoritative name server to answer a dns-01 record; "
                    + "0 skips the check (default: 120).")
    Integer dnsPropagationSeconds;

    @Option(names = "--dns-nameserver", scope = ScopeType.INHERIT, hidden = true, paramLabel = "NAME=ADDR:PORT",
            description = "Reach the authoritative name server NAME at ADDR:PORT for the propagation check.")
    java.util.Map<String, String> nameServers = new java.util.LinkedHashMap<>();

    /** {@code base} (the want list's, or the default) with what this command line says on top. */
    PreflightChecks over(PreflightChecks base) {
        PreflightChecks checks = base;
        if (noSelfCheck) {
            checks = checks.withSelfCheck(false);
        }
        if (caValidationPorts != null) {
            String[] ports = caValidationPorts.split(",", -1);
            if (ports.length != 2) {
                throw new Failure.BadInput("--ca-validation-ports '" + caValidationPorts
                        + "' is not HTTP,TLS (two ports, such as 80,443)");
            }
            checks = checks.withCaValidationPorts(port(ports[0]), port(ports[1]));
        }
        if (selfCheckResolver != null) {
            checks = checks.withSelfCheckResolver(resolver("--self-check-resolver", selfCheckResolver));
        }
        if (dnsResolver != null) {
            checks = checks.withDnsResolver(resolver("--dns-resolver", dnsResolver));
        }
        if (dnsPropagationSeconds != null) {
            if (dnsPropagationSeconds < 0) {
                throw new Failure.BadInput("--dns-propagation-timeout cannot be negative");
            }
            checks = checks.withDnsPropagationTimeout(Duration.ofSeconds(dnsPropagationSeconds));
        }
        if (!nameServers.isEmpty()) {
            java.util.Map<String, HostPort> map = new java.util.LinkedHashMap<>();
            nameServers.forEach((name, address) -> map.put(absolute(name), resolver("--dns-nameserver", address)));
            checks = checks.withNameServers(map);
        }
        return checks;
    }

    /** Name server names as DNS writes them: lower case, with the trailing dot. */
    private static String absolute(String name) {
        String lower = name.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new Failure.BadInput("--ca-validation-ports '" + caValidationPorts + "': '" + text
                    + "' is not a port number");
        }
    }

    private static HostPort resolver(String option, String text) {
        try {
            return HostPort.parse(text, 53);
        } catch (Failure.BadInput e) {
            throw new Failure.BadInput(option + " " + e.getMessage());
        }
    }
}
