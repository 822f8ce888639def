package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CaServer;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.NotDueMemo;
import io.acmectl.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@code renew --all} found not due, for the next one: a lineage whose stamp is unchanged is
 * not due again until the earliest moment its decision could change, the point it falls due or the
 * CA's next renewal information, whichever is first. Until then the next run answers for it from
 * here, without its lock, its repair check and its record: the hourly run over 1,000 certificates
 * that finds nothing due (bench/README.md). Only a run over all lineages, neither forced nor dry,
 * recalls and remembers.
 */
final class NotDueMemos {
    /** A revoked certificate is never due (only forced): looked at again after this long anyway. */
    private static final Duration REVOKED = Duration.ofDays(1);
    /**
     * Memos another version wrote are not taken on trust. The number counts changes of what a memo holds or
     * of how a decision is made (RenewalCheck, or what renewOne decides by): raise it with them, since
     * snapshot builds share their version. Today the decision reads the stored spec's renew-before, not
     * the want list's; were that to change, the memo would have to hold the want list's too.
     */
    static final String VERSION = "1 " + NotDueMemos.class.getPackage().getImplementationVersion();

    private final Store store;
    private final Clock clock;
    private final boolean used;
    /** What the last run found, each with the decision it holds, read back once. */
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, NotDueMemo> found = new ConcurrentHashMap<>();

    private record Known(NotDueMemo memo, RenewalDecision decision) {}

    private NotDueMemos(Store store, Clock clock, boolean used) {
        this.store = store;
        this.clock = clock;
        this.used = used;
        if (used) {
            for (NotDueMemo memo : store.notDue(VERSION)) {
                decision(memo).ifPresent(decision -> known.put(memo.name(), new Known(memo, decision)));
            }
        }
    }

    static NotDueMemos of(Store store, Clock clock, RenewFlow.Request request) {
        return new NotDueMemos(store, clock, request.names().isEmpty() && !request.force() && !request.dryRun());
    }

    /** The decision remembered of {@code name}, if nothing changed it and it still holds. */
    Optional<CertificateOutcome> recall(CertificateName name, WantList.Wanted wanted) {
        Known last = known.get(name.value());
        NotDueMemo memo = last == null ? null : last.memo();
        if (memo == null || !clock.instant().isBefore(memo.until()) || !Objects.equals(memo.server(), server(wanted))
                || !memo.stamp().equals(store.lineages().stamp(name))) {
            return Optional.empty();
        }
        found.put(memo.name(), memo);
        return Optional.of(new CertificateOutcome.NotDue(name, last.decision()));
    }

    /** Called under the lineage's lock, after the decision and what it wrote: the stamp is taken now. */
    void remember(StoredCertificate current, WantList.Wanted wanted, RenewalDecision decision) {
        Instant until = used ? until(current, decision) : null;
        String stamp = until == null ? null : store.lineages().stamp(current.name());
        if (stamp == null) {
            return;
        }
        found.put(current.name().value(), new NotDueMemo(current.name().value(), stamp, server(wanted), until,
                decision.dueAt(), decision.basis().name(), decision.windowStart(), decision.windowEnd(),
                decision.rule() == null ? null : decision.rule().text()));
    }

    /** Stores what this run found, when it differs from what it read: the lineages it renewed drop out. */
    void save() {
        Map<String, NotDueMemo> read = new HashMap<>();
        known.forEach((name, last) -> read.put(name, last.memo()));
        if (used && !found.equals(read)) {
            store.rememberNotDue(VERSION, List.copyOf(new TreeMap<>(found).values()));
        }
    }

    /**
     * The decision a memo holds; empty for one a hand or damage left without what a recall needs: that
     * lineage is looked at.
     */
    private static Optional<RenewalDecision> decision(NotDueMemo memo) {
        if (memo.name() == null || memo.stamp() == null || memo.until() == null || memo.basis() == null) {
            return Optional.empty();
        }
        RenewBefore rule = memo.renewBefore() == null ? null : RenewBefore.parse(memo.renewBefore());
        if (memo.renewBefore() != null && rule == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RenewalDecision(false, memo.dueAt(), RenewalDecision.Basis.valueOf(memo.basis()),
                    memo.windowStart(), memo.windowEnd(), rule));
        } catch (IllegalArgumentException unknownBasis) {
            return Optional.empty();
        }
    }

    /** Null when the next run must look: no renewal information cached yet, so it asks the CA. */
    private Instant until(StoredCertificate current, RenewalDecision decision) {
        if (decision.basis() == RenewalDecision.Basis.REVOKED) {
            return clock.instant().plus(REVOKED);
        }
        Instant nextCheck = current.renewal().ariNextCheck();
        if (decision.dueAt() == null || nextCheck == null) {
            return null;
        }
        return nextCheck.isBefore(decision.dueAt()) ? nextCheck : decision.dueAt();
    }

    private static String server(WantList.Wanted wanted) {
        CaServer server = wanted == null ? null : wanted.spec().server();
        return server == null ? null : server.name() + " " + server.directory();
    }
}
