package io.acmectl.flow;

import io.acmectl.core.CertificateSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Policy;
import io.acmectl.core.RateLimits;
import io.acmectl.core.RequestLog;
import io.acmectl.core.StoredCertificate;
import io.acmectl.store.RequestLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands between a run and the CA: the want list's policy (the names acmectl may order at all)
 * and the rate limits it keeps to per CA, counted in the store's request log. {@link #admit} checks
 * a limit and records the order in one step under the log's lock, so neither the certificates of one
 * run nor two runs at once can together pass a limit that each alone respects.
 */
public final class OrderGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OrderGuard.class);

    private final RequestLogs logs;
    private final Policy policy;
    private final Path policyFile;
    private final RateLimits limits;
    private final boolean ignoreLimits;
    private final Clock clock;

    /**
     * {@code policyFile}: the want list the policy comes from (for messages); {@code limits}: null for
     * each CA's published ones ({@link RateLimits#publishedBy}); {@code ignoreLimits}: this run orders
     * whatever the counts say (they are still kept).
     */
    public OrderGuard(RequestLogs logs, Policy policy, Path policyFile, RateLimits limits, boolean ignoreLimits,
            Clock clock) {
        this.logs = logs;
        this.policy = policy;
        this.policyFile = policyFile;
        this.limits = limits;
        this.ignoreLimits = ignoreLimits;
        this.clock = clock;
    }

    /** An order let through: what is recorded of it, and of what it brings. */
    record Ticket(String serverId, String account, List<String> names, RequestLog.Exemption exemption) {}

    /** A name outside the policy is refused before anything is prepared for the order. */
    void checkPolicy(List<String> names) {
        String refused = policy.firstRefused(names);
        if (refused != null) {
            throw new Failure.BadInput("refusing to order " + refused + ": it is outside the allowed-domains of "
                    + policyFile + " (" + policy.describe() + ")");
        }
    }

    /**
     * Lets the order through and records it, or throws {@link Failure.RateGuard}. {@code claimsReplaces}:
     * it names the certificate it replaces (RFC 9773), which is {@code replacing}, the lineage's.
     */
    Ticket admit(CertificateSpec spec, String account, boolean claimsReplaces, StoredCertificate replacing) {
        RateLimits applied = limits != null ? limits : RateLimits.publishedBy(spec.server());
        Instant now = clock.instant();
        Ticket[] admitted = new Ticket[1];
        logs.update(spec.server().id(), now, log -> {
            Ticket ticket = new Ticket(spec.server().id(), account, spec.domains(),
                    exemption(spec, claimsReplaces, replacing, log, now));
            RateLimitCheck.Reached reached = RateLimitCheck.check(applied, log, ticket, now);
            if (reached.any() && !ignoreLimits) {
                throw refusal(spec, reached);
            }
            if (reached.any()) {
                LOG.warn("ordering {} although {} (--ignore-rate-guard)", spec.domains(), reached.limits());
            }
            admitted[0] = ticket;
            return log.with(entry(RequestLog.Kind.ORDER, ticket, ticket.names()));
        });
        return admitted[0];
    }

    /**
     * The order brought its certificate. {@code replacesDropped}: the CA refused the order's
     * {@code replaces} and it was placed again without, which counts as a renewal's order. A count
     * that cannot be written is logged, never fatal: the certificate is already issued.
     */
    void issued(Ticket ticket, boolean replacesDropped) {
        if (replacesDropped && ticket.exemption() == RequestLog.Exemption.ARI) {
            Ticket plain = new Ticket(ticket.serverId(), ticket.account(), ticket.names(),
                    RequestLog.Exemption.RENEWAL);
            record(plain, List.of(entry(RequestLog.Kind.ORDER, plain, plain.names()),
                    entry(RequestLog.Kind.CERTIFICATE, plain, plain.names())));
        } else {
            record(ticket, List.of(entry(RequestLog.Kind.CERTIFICATE, ticket, ticket.names())));
        }
    }

    /**
     * A certificate fetched from an order an earlier run placed (admitted and counted then) and was
     * stopped before storing: counted now, unchecked, as that run would have. Should that run have
     * counted it already, it counts twice: the guard may stop early, never late.
     */
    void resumed(CertificateSpec spec, String account, StoredCertificate replacing) {
        Instant now = clock.instant();
        try {
            logs.update(spec.server().id(), now, log -> {
                Ticket ticket = new Ticket(spec.server().id(), account, spec.domains(),
                        exemption(spec, false, replacing, log, now));
                return log.with(entry(RequestLog.Kind.CERTIFICATE, ticket, ticket.names()));
            });
        } catch (Failure e) {
            LOG.warn("could not count {} for the rate guard: {}", spec.domains(), e.getMessage());
        }
    }

    /**
     * The CA refused the order after these names' authorizations were answered. Which of them failed
     * is not told apart, so each counts as a failed validation: the guard may stop early, never late.
     */
    void failedValidations(Ticket ticket, Collection<String> answered) {
        record(ticket, answered.stream().map(name -> entry(RequestLog.Kind.FAILED_VALIDATION, ticket, List.of(name)))
                .toList());
    }

    private void record(Ticket ticket, List<RequestLog.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            logs.update(ticket.serverId(), clock.instant(), log -> {
                RequestLog changed = log;
                for (RequestLog.Entry entry : entries) {
                    changed = changed.with(entry);
                }
                return changed;
            });
        } catch (Failure e) {
            LOG.warn("could not count {} for the rate guard: {}", ticket.names(), e.getMessage());
        }
    }

    private RequestLog.Entry entry(RequestLog.Kind kind, Ticket ticket, List<String> names) {
        return new RequestLog.Entry(kind, clock.instant(), ticket.account(), names, ticket.exemption());
    }

    /**
     * At Let's Encrypt an ARI renewal counts for nothing, but only once the window the CA suggested
     * has opened: a forced renewal before it names the certificate it replaces too, and counts as a
     * renewal. The same names again count only as a duplicate.
     */
    private static RequestLog.Exemption exemption(CertificateSpec spec, boolean claimsReplaces,
            StoredCertificate replacing, RequestLog log, Instant now) {
        if (claimsReplaces && replacing != null && replacing.renewal().hasAriWindow()
                && !now.isBefore(replacing.renewal().ariWindowStart())) {
            return RequestLog.Exemption.ARI;
        }
        HashSet<String> names = new HashSet<>(spec.domains());
        boolean renewal = replacing != null && replacing.spec().server().equals(spec.server())
                && new HashSet<>(replacing.domains()).equals(names);
        return renewal || log.issued(names) ? RequestLog.Exemption.RENEWAL : RequestLog.Exemption.NONE;
    }

    /** The time it clears is shown to the second, rounded up: never a moment too early. */
    private static Failure.RateGuard refusal(CertificateSpec spec, RateLimitCheck.Reached reached) {
        Instant shown = reached.clearsAt().truncatedTo(ChronoUnit.SECONDS);
        shown = shown.isBefore(reached.clearsAt()) ? shown.plusSeconds(1) : shown;
        return new Failure.RateGuard("acmectl's rate guard held back the order for " + String.join(", ",
                spec.domains()) + " at " + spec.server().name() + ": " + String.join("; ", reached.limits())
                + "; it clears at " + shown + " (--ignore-rate-guard orders anyway, once)", reached.clearsAt());
    }
}
