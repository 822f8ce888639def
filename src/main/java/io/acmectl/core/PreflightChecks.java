package io.acmectl.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What acmectl checks before it asks the CA to validate, for a whole run: the CA counts failed
 * validations (Let's Encrypt: 5 per name per hour), so a challenge that cannot succeed is not
 * triggered.
 *
 * <ul>
 *   <li>{@code selfCheck}: fetch the http-01 token / open the tls-alpn-01 handshake the way the CA will
 *       ({@code --no-self-check}, {@code self-check: false} turn it off);</li>
 *   <li>{@code caHttpPort}, {@code caTlsPort}: where this CA connects to validate (80 and 443 for any
 *       public CA; {@code --ca-validation-ports HTTP,TLS} for Pebble);</li>
 *   <li>{@code selfCheckResolver}: the DNS server that resolves names for the self-check, null for the
 *       system resolver ({@code --self-check-resolver ADDR:PORT});</li>
 *   <li>{@code dnsResolver}: the DNS server asked for a zone's NS records and CNAMEs before dns-01, null
 *       for the system resolver ({@code --dns-resolver ADDR:PORT});</li>
 *   <li>{@code dnsPropagationTimeout}: how long to wait for every authoritative server to answer the
 *       TXT record; zero skips the check ({@code --dns-propagation-timeout}).</li>
 *   <li>{@code nameServers}: where to reach named authoritative servers instead of their address
 *       records on port 53 ({@code --dns-nameserver NAME=ADDR:PORT}, hidden): for split-horizon
 *       setups, and for tests, whose servers all listen on 127.0.0.1 on ports of their own.</li>
 * </ul>
 */
public record PreflightChecks(boolean selfCheck, int caHttpPort, int caTlsPort, HostPort selfCheckResolver,
        HostPort dnsResolver, Duration dnsPropagationTimeout, java.util.Map<String, HostPort> nameServers) {
    public static final Duration DEFAULT_PROPAGATION_TIMEOUT = Duration.ofMinutes(2);

    /** Every check on, the ports every public CA validates on, the system's resolver. */
    public static final PreflightChecks DEFAULT =
            new PreflightChecks(true, 80, 443, null, null, DEFAULT_PROPAGATION_TIMEOUT, java.util.Map.of());

    public PreflightChecks {
        Objects.requireNonNull(dnsPropagationTimeout, "dnsPropagationTimeout");
        nameServers = nameServers == null ? java.util.Map.of() : java.util.Map.copyOf(nameServers);
        if (dnsPropagationTimeout.isNegative()) {
            throw new Failure.BadInput("the DNS propagation timeout cannot be negative");
        }
        for (int port : new int[] {caHttpPort, caTlsPort}) {
            if (port < 1 || port > 65535) {
                throw new Failure.BadInput("port " + port + " is not between 1 and 65535");
            }
        }
    }

    public PreflightChecks withSelfCheck(boolean value) {
        return new PreflightChecks(value, caHttpPort, caTlsPort, selfCheckResolver, dnsResolver,
                dnsPropagationTimeout, nameServers);
    }

    public PreflightChecks withCaValidationPorts(int http, int tls) {
        return new PreflightChecks(selfCheck, http, tls, selfCheckResolver, dnsResolver,
                dnsPropagationTimeout, nameServers);
    }

    public PreflightChecks withSelfCheckResolver(HostPort value) {
        return new PreflightChecks(selfCheck, caHttpPort, caTlsPort, value, dnsResolver,
                dnsPropagationTimeout, nameServers);
    }

    public PreflightChecks withDnsResolver(HostPort value) {
        return new PreflightChecks(selfCheck, caHttpPort, caTlsPort, selfCheckResolver, value,
                dnsPropagationTimeout, nameServers);
    }

    public PreflightChecks withDnsPropagationTimeout(Duration value) {
        return new PreflightChecks(selfCheck, caHttpPort, caTlsPort, selfCheckResolver, dnsResolver,
                value, nameServers);
    }

    public PreflightChecks withNameServers(java.util.Map<String, HostPort> value) {
        return new PreflightChecks(selfCheck, caHttpPort, caTlsPort, selfCheckResolver, dnsResolver,
                dnsPropagationTimeout, value);
    }
}
