package io.acmectl.challenge.dns;

import io.acmectl.core.Failure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Where a TXT record really goes: {@code _acme-challenge.NAME} may be a CNAME into a zone made for
 * ACME (so the main zone's credentials need not be on this host), and the CA follows it (RFC 8555
 * section 8.4 does not forbid it; every CA does). The chain is followed a bounded number of steps.
 */
final class CnameChain {
    static final int MAX_STEPS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CnameChain.class);

    private final DnsQueries queries;

    CnameChain(DnsQueries queries) {
        this.queries = queries;
    }

    /** The absolute name (trailing dot) that owns the TXT record for {@code txtName}. */
    String follow(String txtName) {
        Name current = DnsQueries.name(txtName);
        for (int step = 0; step < MAX_STEPS; step++) {
            List<CNAMERecord> cname = DnsQueries.answers(queries.ask(current, Type.CNAME), current, CNAMERecord.class);
            if (cname.isEmpty()) {
                return current.toString();
            }
            Name target = cname.get(0).getTarget();
            LOG.info("{} is a CNAME to {}: the TXT record goes there", current, target);
            current = target;
        }
        throw new Failure.ChallengeSetup("the CNAME chain at " + txtName + " is longer than " + MAX_STEPS
                + " steps (a loop?)", null);
    }
}
