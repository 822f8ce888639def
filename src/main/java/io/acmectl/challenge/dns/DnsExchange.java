package io.acmectl.challenge.dns;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.files.IoReasons;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * One DNS server that acmectl sends messages to, over TCP with a bounded wait: a refused connection
 * fails at once instead of after a UDP time-out, and a lost answer cannot leave an update half known.
 * A resolver per message keeps it safe to share between threads.
 */
final class DnsExchange {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HostPort server;
    private final TSIG key;

    /** {@code key} signs every message and checks every answer; null for unsigned queries. */
    DnsExchange(HostPort server, TSIG key) {
        this.server = server;
        this.key = key;
    }

    HostPort server() {
        return server;
    }

    /** The answer, or a {@link Failure.ChallengeSetup} naming the server and {@code what} was asked. */
    Message send(Message message, String what) {
        InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
        if (address.isUnresolved()) {
            throw new Failure.ChallengeSetup("RFC 2136 server " + server + ": cannot resolve " + server.host(), null);
        }
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTCP(true);
        resolver.setTimeout(TIMEOUT);
        if (key != null) {
            resolver.setTSIGKey(key);
        }
        try {
            return resolver.send(message);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup("RFC 2136 server " + server + " did not answer " + what + ": "
                    + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.net.SocketTimeoutException ? "no answer within " + TIMEOUT.toSeconds() + " s"
                : IoReasons.of(e);
    }
}
