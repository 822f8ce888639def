package io.acmectl.cli;

import io.acmectl.core.ChallengeSpec;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How {@code issue} proves control of its names: exactly one way, for all of them. */
final class ChallengeOptions {
    @Option(names = {"-w", "--webroot"}, paramLabel = "DIR", required = true,
            description = "Answer http-01 by writing files into the web server's document root DIR.")
    Path webroot;

    @ArgGroup(exclusive = false)
    Standalone standalone;

    @ArgGroup(exclusive = false)
    TlsAlpn tlsAlpn;

    @ArgGroup(exclusive = false)
    DnsOptions dns;

    static final class Standalone {
        @Option(names = "--standalone", required = true, description = "Answer http-01 with a built-in listener.")
        boolean enabled;

        @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80", converter = OptionValues.Port.class,
                description = "Port of the built-in listener (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--http-address", paramLabel = "ADDRESS", description = "Address to listen on (default: all).")
        String address;
    }

    static final class TlsAlpn {
        @Option(names = "--tls-alpn", required = true,
                description = "Answer tls-alpn-01 (RFC 8737) with a built-in TLS listener.")
        boolean enabled;

        @Option(names = "--tls-port", paramLabel = "PORT", defaultValue = "443", converter = OptionValues.Port.class,
                description = "Port of the built-in TLS listener (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--tls-address", paramLabel = "ADDRESS", description = "Address to listen on (default: all).")
        String address;
    }

    ChallengeSpec spec() {
        if (webroot != null) {
            return new ChallengeSpec.Webroot(webroot);
        }
        if (dns != null) {
            return dns.spec();
        }
        return standalone != null ? new ChallengeSpec.Standalone(standalone.port, standalone.address)
                : new ChallengeSpec.TlsAlpn(tlsAlpn.port, tlsAlpn.address);
    }
}
