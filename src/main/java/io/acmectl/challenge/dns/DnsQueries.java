package io.acmectl.challenge.dns;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.PreflightChecks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS questions dns-01 asks before the CA does, through dnsjava: recursive ones (CNAMEs, a zone's
 * SOA and NS records, a name server's address) to {@code --dns-resolver} or the system's resolver,
 * and direct ones, without recursion, to a zone's authoritative servers. Every query has a timeout,
 * and nothing is cached: a poll must see what the server says now.
 */
final class DnsQueries {
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Resolver recursive;
    private final String resolverShown;
    private final Map<String, HostPort> nameServers;

    DnsQueries(Resolver recursive, String resolverShown, Map<String, HostPort> nameServers) {
        this.recursive = recursive;
        this.resolverShown = resolverShown;
        this.nameServers = nameServers;
        recursive.setTimeout(QUERY_TIMEOUT);
    }

    /** The resolver the checks name, else the system's (dnsjava reads /etc/resolv.conf). */
    static DnsQueries of(PreflightChecks checks) {
        HostPort resolver = checks.dnsResolver();
        if (resolver == null) {
            return new DnsQueries(new ExtendedResolver(), "the system's resolver", checks.nameServers());
        }
        return new DnsQueries(new SimpleResolver(new InetSocketAddress(resolver.host(), resolver.port())),
                "the resolver " + resolver, checks.nameServers());
    }

    static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new Failure.ChallengeSetup(text + " is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** A recursive question; an answer other than NOERROR or NXDOMAIN, or none, is a one-line failure. */
    Message ask(Name name, int type) {
        Message answer;
        try {
            answer = recursive.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new Failure.ChallengeSetup("cannot look up " + Type.string(type) + " " + name + " through "
                    + resolverShown + ": " + reason(e) + " (--dns-resolver ADDR:PORT names another)", e);
        }
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new Failure.ChallengeSetup("cannot look up " + Type.string(type) + " " + name + " through "
                    + resolverShown + ": it answered " + Rcode.string(rcode), null);
        }
        return answer;
    }

    /** A question straight to an authoritative server, recursion not desired. */
    static Message askDirectly(InetSocketAddress server, Name name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(QUERY_TIMEOUT);
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        return resolver.send(query);
    }

    /** The records of this type owned by {@code name} in the answer section. */
    static <R extends Record> List<R> answers(Message message, Name name, Class<R> type) {
        return message.getSection(Section.ANSWER).stream()
                .filter(r -> type.isInstance(r) && r.getName().equals(name)).map(type::cast).toList();
    }

    /**
     * Where to ask an authoritative server: what {@code --dns-nameserver} maps its name to, else its
     * first IPv4 address (then IPv6) on port 53.
     */
    InetSocketAddress addressOf(Name server) {
        HostPort mapped = nameServers.get(server.toString().toLowerCase(Locale.ROOT));
        if (mapped != null) {
            return new InetSocketAddress(mapped.host(), mapped.port());
        }
        Optional<java.net.InetAddress> address = answers(ask(server, Type.A), server, ARecord.class).stream()
                .map(ARecord::getAddress).findFirst();
        if (address.isEmpty()) {
            address = answers(ask(server, Type.AAAA), server, AAAARecord.class).stream()
                    .map(AAAARecord::getAddress).findFirst();
        }
        return new InetSocketAddress(address.orElseThrow(() -> new Failure.ChallengeSetup(
                "the name server " + server + " has no address (A or AAAA) through " + resolverShown, null)), 53);
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
