package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Update;

/**
 * RFC 2136 dynamic updates signed with TSIG (RFC 8945), through dnsjava: adds one TXT value to a
 * name and deletes exactly that value again (an RR-specific delete, so other values of the name, such
 * as a second order's or the wildcard's twin, stay). The zone is the configured one for the names
 * inside it, else found by SOA queries to the same server (a CNAME may have sent the record into a
 * zone made for ACME). Immutable but for the remembered zones: safe for parallel renewals.
 */
final class Rfc2136Publisher implements TxtPublisher {
    /** Short, so that a record left behind (a killed run) or a removed one is not cached for long. */
    static final long TTL = 60;
    private static final int MAX_STRING = 255;

    private final DnsExchange server;
    private final String keyName;
    private final Name configuredZone;
    private final ZoneLookup zones;

    private Rfc2136Publisher(DnsExchange server, String keyName, Name configuredZone) {
        this.server = server;
        this.keyName = keyName;
        this.configuredZone = configuredZone;
        // Unsigned: a wrong secret is then reported by the update, with the server's TSIG error.
        this.zones = new ZoneLookup(new DnsExchange(server.server(), null));
    }

    /** Reads and checks the secret file (owner only) and the zone's name; fails with a one-line error. */
    static Rfc2136Publisher open(DnsPublisher.Rfc2136 spec) {
        TSIG key = TsigKeyFile.read(spec);
        Name zone = spec.zone() == null || spec.zone().isBlank() ? null : name(spec.zone(), "zone");
        return new Rfc2136Publisher(new DnsExchange(spec.server(), key), spec.keyName(), zone);
    }

    @Override
    public void add(TxtRecord record) {
        Name name = name(record.name(), "record name");
        Name zone = zoneOf(name);
        Update update = new Update(zone);
        update.add(txt(name, record.value(), TTL));
        send(update, "add the TXT record at", name, zone);
    }

    @Override
    public void remove(TxtRecord record) {
        Name name = name(record.name(), "record name");
        Name zone = zoneOf(name);
        Update update = new Update(zone);
        update.delete(txt(name, record.value(), 0)); // class NONE: this value only, not the whole set
        send(update, "delete the TXT record at", name, zone);
    }

    private Name zoneOf(Name name) {
        return configuredZone != null && name.subdomain(configuredZone) ? configuredZone : zones.zoneOf(name);
    }

    private void send(Update update, String what, Name name, Name zone) {
        Message answer = server.send(update, "the update to " + what + " " + name);
        int rcode = answer.getRcode();
        int tsigError = answer.getTSIG() == null ? Rcode.NOERROR : answer.getTSIG().getError();
        if (rcode != Rcode.NOERROR || tsigError != Rcode.NOERROR) {
            String code = Rcode.string(rcode) + (tsigError == Rcode.NOERROR ? "" : " " + Rcode.TSIGstring(tsigError));
            throw new Failure.ChallengeSetup("RFC 2136 server " + server.server() + " refused to " + what + " " + name
                    + " (zone " + zone + "): " + code + UpdateRefusals.hint(rcode, tsigError, keyName), null);
        }
        if (!answer.isVerified()) {
            throw new Failure.ChallengeSetup("RFC 2136 server " + server.server() + " answered the update to " + what
                    + " " + name + " without a valid signature of key " + keyName + ": is it the server meant?", null);
        }
    }

    /** A TXT record of one value; a value longer than a DNS string (255 bytes) goes in several, as RFC 8555 allows. */
    private static TXTRecord txt(Name name, String value, long ttl) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += MAX_STRING) {
            strings.add(value.substring(start, Math.min(value.length(), start + MAX_STRING)));
        }
        return new TXTRecord(name, DClass.IN, ttl, strings.isEmpty() ? List.of("") : strings);
    }

    private static Name name(String text, String what) {
        try {
            return Name.fromString(text.trim(), Name.root);
        } catch (TextParseException e) {
            throw new Failure.BadInput("RFC 2136 " + what + " '" + text + "' is not a DNS name: " + e.getMessage());
        }
    }
}
