package io.acmectl.challenge.selfcheck;

import io.acmectl.core.HostPort;
import io.acmectl.core.Identifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The addresses a CA connects to for a name: an IP identifier is its own address (never looked up,
 * RFC 8738); a DNS name is resolved (A and AAAA) by the named DNS server, or by the system's
 * resolver when none is named. IPv6 first, as Let's Encrypt tries it first.
 */
final class Addresses {
    static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);

    private final HostPort resolver;

    /** {@code resolver}: the DNS server to ask, or null for the system's resolver. */
    Addresses(HostPort resolver) {
        this.resolver = resolver;
    }

    /** The addresses of a host as a URL names it (a name, or an IP literal, bracketed or not). */
    List<InetAddress> of(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (org.bouncycastle.util.IPAddress.isValidIPv4(bare) || org.bouncycastle.util.IPAddress.isValidIPv6(bare)) {
            return List.of(InetAddress.getByName(bare)); // a literal: parsed, never looked up
        }
        List<InetAddress> found = new ArrayList<>(resolver == null ? system(bare) : lookUp(bare));
        found.sort(Comparator.comparing(a -> a.getAddress().length == 4)); // IPv6 first
        return found;
    }

    List<InetAddress> of(Identifier identifier) throws UnknownHostException {
        return of(identifier.value());
    }

    /** Where the resolving happens, for an error line. */
    String describe() {
        return resolver == null ? "the system's resolver" : "the DNS server " + resolver;
    }

    private static List<InetAddress> system(String name) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(name));
    }

    private List<InetAddress> lookUp(String name) throws UnknownHostException {
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[] {Type.AAAA, Type.A}) {
            Lookup lookup;
            try {
                lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            } catch (TextParseException e) {
                throw new UnknownHostException(name + " is not a DNS name");
            }
            SimpleResolver server = server();
            lookup.setResolver(server);
            lookup.setCache(null); // the answer of now, not of an earlier run in this JVM
            Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN || lookup.getResult() == Lookup.UNRECOVERABLE) {
                throw new UnknownHostException(name + " could not be resolved by " + describe() + ": "
                        + lookup.getErrorString());
            }
            for (Record record : records == null ? new Record[0] : records) {
                if (record instanceof ARecord a) {
                    found.add(a.getAddress());
                } else if (record instanceof AAAARecord aaaa) {
                    found.add(aaaa.getAddress());
                }
            }
        }
        if (found.isEmpty()) {
            throw new UnknownHostException(name + " has no A or AAAA record at " + describe());
        }
        return found;
    }

    private SimpleResolver server() throws UnknownHostException {
        SimpleResolver server = new SimpleResolver(new InetSocketAddress(
                InetAddress.getByName(resolver.host()), resolver.port()));
        server.setTimeout(DNS_TIMEOUT);
        return server;
    }

    /** An IOException's reason in a few words, for "got ...". */
    static String reason(IOException e, String where) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused by " + where;
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer from " + where + " within the self-check's timeout";
        }
        if (e instanceof UnknownHostException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + " (" + where + ")";
    }
}
