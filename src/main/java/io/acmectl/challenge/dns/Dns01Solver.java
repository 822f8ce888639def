package io.acmectl.challenge.dns;

import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.Dns01Proof;
import io.acmectl.challenge.Proof;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.PreflightChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dns-01 (RFC 8555 section 8.4): a TXT record per proof, at {@code _acme-challenge.NAME} or where a
 * CNAME there points ({@link CnameChain}), put in and taken out by a {@link TxtPublisher}. An order's
 * records are all published first, then checked once on every authoritative server ({@link
 * PropagationCheck}). Clean-up removes exactly the value added, also after a failed or timed-out
 * publisher, and, when acmectl is stopped in between, from a shutdown hook ({@link OutstandingRecords}).
 */
public final class Dns01Solver implements ChallengeSolver {
    private static final Logger LOG = LoggerFactory.getLogger(Dns01Solver.class);

    private final TxtPublisher publisher;
    private final CnameChain cnames;
    private final PropagationCheck propagation;
    /** Every record added or being added, by the proof it answers, until cleaned up. */
    private final Map<Proof, TxtRecord> added = new ConcurrentHashMap<>();

    Dns01Solver(TxtPublisher publisher, CnameChain cnames, PropagationCheck propagation) {
        this.publisher = publisher;
        this.cnames = cnames;
        this.propagation = propagation;
    }

    /** The registry's way in: opens the spec's publisher (an RFC 2136 secret file is read and checked here). */
    public static Dns01Solver open(ChallengeSpec.Dns01 spec, PreflightChecks checks) {
        DnsQueries queries = DnsQueries.of(checks);
        return new Dns01Solver(TxtPublishers.open(spec.publisher(), checks), new CnameChain(queries),
                new PropagationCheck(queries, checks.dnsPropagationTimeout()));
    }

    @Override
    public String type() {
        return ChallengeSpec.DNS_01;
    }

    @Override
    public void present(Proof proof) {
        presentAll(List.of(proof));
    }

    /** One record per proof, told how many follow and every name of the batch, as certbot's hooks are. */
    @Override
    public void presentAll(List<Proof> proofs) {
        List<Dns01Proof> dns = proofs.stream().map(Dns01Solver::dns01).toList();
        List<String> all = dns.stream().map(p -> p.identifier().base()).toList();
        for (int i = 0; i < dns.size(); i++) {
            Dns01Proof proof = dns.get(i);
            TxtRecord record = new TxtRecord(proof.identifier().base(), cnames.follow(proof.txtName()),
                    proof.txtValue(), dns.size() - 1 - i, all);
            added.put(proof, record);
            OutstandingRecords.added(publisher, record);
            LOG.info("adding the TXT record {} for {}", record.name(), proof.identifier());
            publisher.add(record);
        }
    }

    @Override
    public void confirm(List<Proof> presented) {
        List<TxtRecord> records = new ArrayList<>();
        presented.stream().map(added::get).filter(Objects::nonNull).forEach(records::add);
        propagation.await(records);
    }

    /** Removes the value this proof added, if any; a failure is logged, not thrown, so other clean-ups still run. */
    @Override
    public void cleanUp(Proof proof) {
        TxtRecord record = added.remove(proof);
        if (record == null || !OutstandingRecords.claim(publisher, record)) {
            return;
        }
        LOG.info("removing the TXT record {} for {}", record.name(), proof.identifier());
        try {
            publisher.remove(record);
        } catch (Failure e) {
            LOG.warn("{} (the TXT value {} may stay at {})", e.getMessage(), record.value(), record.name());
        }
    }

    @Override
    public void close() {
        List.copyOf(added.keySet()).forEach(this::cleanUp);
        publisher.close();
    }

    /** The name a wildcard proves control of: its base name (the TXT record is the base name's). */
    private static Dns01Proof dns01(Proof proof) {
        if (proof instanceof Dns01Proof dns) {
            return dns;
        }
        throw new IllegalArgumentException("a dns-01 solver cannot present " + proof);
    }
}
