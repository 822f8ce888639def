package io.acmectl.challenge.dns;

import io.acmectl.core.Failure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The zone a name belongs to, asked of the server that takes the updates (not of a resolver: with
 * split horizons, only it knows which of its zones holds the name). SOA queries walk up from the
 * name itself; an authoritative answer without the SOA in its answer section names the zone in its
 * authority section, which usually ends the walk at the first query. Answers are remembered.
 */
final class ZoneLookup {
    private final DnsExchange server;
    private final Map<Name, Name> zones = new ConcurrentHashMap<>();

    ZoneLookup(DnsExchange server) {
        this.server = server;
    }

    Name zoneOf(Name name) {
        Name known = zones.get(name);
        if (known != null) {
            return known;
        }
        Name zone = lookUp(name);
        zones.put(name, zone);
        return zone;
    }

    private Name lookUp(Name name) {
        String rcodes = "";
        for (Name candidate = name; candidate.labels() > 1; candidate = new Name(candidate, 1)) {
            Message answer = server.send(Message.newQuery(Record.newRecord(candidate, Type.SOA, DClass.IN)),
                    "the SOA query for " + candidate);
            Name zone = zoneIn(answer, candidate);
            if (zone != null) {
                return zone;
            }
            rcodes = Rcode.string(answer.getRcode());
        }
        throw new Failure.ChallengeSetup("RFC 2136 server " + server.server() + " holds no zone above " + name
                + " (SOA queries answered " + rcodes + "): check the server, or name the zone in the configuration",
                null);
    }

    private static Name zoneIn(Message answer, Name candidate) {
        int rcode = answer.getRcode();
        if (rcode == Rcode.NOERROR) {
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof SOARecord && record.getName().equals(candidate)) {
                    return candidate;
                }
            }
        }
        if ((rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) && answer.getHeader().getFlag(Flags.AA)) {
            for (Record record : answer.getSection(Section.AUTHORITY)) {
                if (record instanceof SOARecord && candidate.subdomain(record.getName())) {
                    return record.getName();
                }
            }
        }
        return null;
    }
}
