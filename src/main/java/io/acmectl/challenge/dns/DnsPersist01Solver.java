package io.acmectl.challenge.dns;

import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.DnsPersist01Proof;
import io.acmectl.challenge.Proof;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.PreflightChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * dns-persist-01 (draft-ietf-acme-dns-persist): one lasting TXT record per name ({@link
 * PersistRecord}) proves control for every later order of the account, so renewals need no DNS
 * change. A record that already proves it is left as it is and nothing is published; otherwise it
 * is published once (through the same publishers as dns-01), checked like a dns-01 record, and never
 * removed: that is the point of it.
 */
public final class DnsPersist01Solver implements ChallengeSolver {
    private static final Logger LOG = LoggerFactory.getLogger(DnsPersist01Solver.class);

    private final TxtPublisher publisher;
    private final DnsQueries queries;
    private final CnameChain cnames;
    private final PropagationCheck propagation;
    /** The records this run published, by the proof they answer: for the propagation check only. */
    private final Map<Proof, TxtRecord> published = new ConcurrentHashMap<>();

    DnsPersist01Solver(TxtPublisher publisher, DnsQueries queries, PropagationCheck propagation) {
        this.publisher = publisher;
        this.queries = queries;
        this.cnames = new CnameChain(queries);
        this.propagation = propagation;
    }

    public static DnsPersist01Solver open(ChallengeSpec.DnsPersist01 spec, PreflightChecks checks) {
        DnsQueries queries = DnsQueries.of(checks);
        return new DnsPersist01Solver(TxtPublishers.open(spec.publisher(), checks), queries,
                new PropagationCheck(queries, checks.dnsPropagationTimeout()));
    }

    @Override
    public String type() {
        return ChallengeSpec.DNS_PERSIST_01;
    }

    @Override
    public void present(Proof proof) {
        presentAll(List.of(proof));
    }

    @Override
    public void presentAll(List<Proof> proofs) {
        List<DnsPersist01Proof> persist = proofs.stream().map(DnsPersist01Solver::dnsPersist01).toList();
        List<String> all = persist.stream().map(p -> p.identifier().base()).toList();
        for (int i = 0; i < persist.size(); i++) {
            DnsPersist01Proof proof = persist.get(i);
            if (proof.issuerDomainNames().isEmpty()) {
                throw new Failure.CaRefused("the CA's dns-persist-01 challenge for " + proof.identifier()
                        + " names no issuer domain");
            }
            String base = proof.identifier().base();
            String owner = cnames.follow(PersistRecord.owner(base));
            boolean wildcard = proof.identifier().isWildcard();
            if (provenAlready(owner, proof, wildcard)) {
                LOG.info("the dns-persist-01 record at {} already proves {}: nothing to publish", owner,
                        proof.identifier());
                continue;
            }
            TxtRecord record = new TxtRecord(base, owner, PersistRecord.value(proof.issuerDomainNames().get(0),
                    proof.accountUrl(), wildcard), persist.size() - 1 - i, all);
            LOG.info("publishing the dns-persist-01 record {} for {} (it stays)", owner, proof.identifier());
            publisher.add(record);
            published.put(proof, record);
        }
    }

    /** Whether DNS (through the resolver), or what this run published, already holds a value that proves it. */
    private boolean provenAlready(String owner, DnsPersist01Proof proof, boolean wildcard) {
        Name name = DnsQueries.name(owner);
        List<String> values = new ArrayList<>();
        DnsQueries.answers(queries.ask(name, Type.TXT), name, TXTRecord.class)
                .forEach(txt -> values.add(String.join("", txt.getStrings())));
        published.values().stream().filter(r -> r.name().equals(owner)).forEach(r -> values.add(r.value()));
        Instant now = Instant.now();
        return values.stream().anyMatch(value -> PersistRecord.proves(value, proof.issuerDomainNames(),
                proof.accountUrl(), wildcard, now));
    }

    @Override
    public void confirm(List<Proof> presented) {
        propagation.await(presented.stream().map(published::get).filter(Objects::nonNull).toList());
    }

    /** The record stays: later orders of this account are proven by it. */
    @Override
    public void cleanUp(Proof proof) {
        published.remove(proof);
    }

    @Override
    public void close() {
        publisher.close();
    }

    private static DnsPersist01Proof dnsPersist01(Proof proof) {
        if (proof instanceof DnsPersist01Proof persist) {
            return persist;
        }
        throw new IllegalArgumentException("a dns-persist-01 solver cannot present " + proof);
    }
}
