package io.acmectl.challenge.dns;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Before the CA is asked: every authoritative server of each record's zone answers every value of
 * the record. The CA may ask any of them, and a failed validation counts against the account's
 * limits, so one lagging secondary is worth waiting for. The zone is found by its SOA record and its
 * servers by NS, through the recursive resolver; the servers themselves are asked directly, without
 * recursion, polled with a growing pause until each answers, for at most the timeout (zero: no check).
 */
final class PropagationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PropagationCheck.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final DnsQueries queries;
    private final Duration timeout;

    PropagationCheck(DnsQueries queries, Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    /** One record name on one server, and what it said last. */
    private static final class Target {
        final Name server;
        final InetSocketAddress address;
        final Name name;
        final Set<String> expected;
        String seen = "nothing yet";

        Target(Name server, InetSocketAddress address, Name name, Set<String> expected) {
            this.server = server;
            this.address = address;
            this.name = name;
            this.expected = expected;
        }

        /** Whether the server answers every expected value now (other values may be there too). */
        boolean answers() {
            try {
                Message answer = DnsQueries.askDirectly(address, name, Type.TXT);
                Set<String> values = new LinkedHashSet<>();
                for (TXTRecord txt : DnsQueries.answers(answer, name, TXTRecord.class)) {
                    values.add(String.join("", txt.getStrings()));
                }
                seen = values.isEmpty() ? "no TXT value" : values.size() + " other value(s)";
                return values.containsAll(expected);
            } catch (IOException e) {
                seen = "no answer (" + DnsQueries.reason(e) + ")";
                return false;
            }
        }
    }

    /** Waits until every server has every record, or throws naming the first that lags. */
    void await(List<TxtRecord> records) {
        if (timeout.isZero() || records.isEmpty()) {
            LOG.debug("no DNS propagation check");
            return;
        }
        List<Target> lagging = targets(records);
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            lagging.removeIf(Target::answers);
            if (lagging.isEmpty()) {
                LOG.info("every authoritative name server answers the TXT record(s)");
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw lags(lagging.get(0));
            }
            LOG.debug("waiting for {} ({}) to answer the TXT record at {}", lagging.get(0).server,
                    lagging.get(0).address, lagging.get(0).name);
            sleep(Math.min(pause.toNanos(), left));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private Failure.ChallengeSetup lags(Target target) {
        String value = target.expected.size() == 1 ? "the value " + Quote.of(target.expected.iterator().next())
                : "all " + target.expected.size() + " values";
        return new Failure.ChallengeSetup("the name server " + target.server + " (" + hostPort(target.address)
                + ") does not answer " + value + " of the TXT record " + target.name + " after "
                + timeout.toSeconds() + " s (it answers " + target.seen + "; --dns-propagation-timeout waits longer)",
                null);
    }

    /** Each record name on each authoritative server of its zone. */
    private List<Target> targets(List<TxtRecord> records) {
        Map<Name, Set<String>> byName = new LinkedHashMap<>();
        records.forEach(r -> byName.computeIfAbsent(DnsQueries.name(r.name()), n -> new LinkedHashSet<>()).add(r.value()));
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<Name, Set<String>> entry : byName.entrySet()) {
            Name zone = zoneOf(entry.getKey());
            for (Name server : serversOf(zone)) {
                targets.add(new Target(server, queries.addressOf(server), entry.getKey(), entry.getValue()));
            }
        }
        return targets;
    }

    /**
     * The zone that holds {@code name}: the owner of the SOA record a server gives for it, in the
     * answer (the name is the apex) or in the authority section (it is not, or does not exist yet);
     * else the same question one label up.
     */
    Name zoneOf(Name name) {
        for (Name current = name; current.labels() > 1; current = new Name(current, 1)) {
            Message answer = queries.ask(current, Type.SOA);
            if (!DnsQueries.answers(answer, current, SOARecord.class).isEmpty()) {
                return current;
            }
            for (org.xbill.DNS.Record authority : answer.getSection(Section.AUTHORITY)) {
                if (authority instanceof SOARecord && current.subdomain(authority.getName())) {
                    return authority.getName();
                }
            }
        }
        throw new Failure.ChallengeSetup("found no zone (SOA record) that holds " + name
                + " to check that its name servers answer the TXT record (--dns-propagation-timeout 0 skips the check)",
                null);
    }

    private List<Name> serversOf(Name zone) {
        List<Name> servers = DnsQueries.answers(queries.ask(zone, Type.NS), zone, NSRecord.class).stream()
                .map(NSRecord::getTarget).toList();
        if (servers.isEmpty()) {
            throw new Failure.ChallengeSetup("the zone " + zone + " has no NS records to check the TXT records on "
                    + "(--dns-propagation-timeout 0 skips the check)", null);
        }
        return servers;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for DNS propagation");
        }
    }
}
