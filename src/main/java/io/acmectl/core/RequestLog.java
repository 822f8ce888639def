package io.acmectl.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What acmectl asked of one CA lately, as its rate-limit guard counts it: the orders it placed, the
 * certificates it got and the validations that failed, each with its time and account. Each is kept
 * for the window of {@link RateLimits} that counts its kind ({@link #retention}): orders three hours,
 * certificates a week, failed validations an hour. Older entries count for nothing; a log that kept a
 * week of orders too was twice the size, and it is read and written whole at every order.
 */
public record RequestLog(List<Entry> entries) {
    public static final RequestLog EMPTY = new RequestLog(List.of());

    public enum Kind { ORDER, CERTIFICATE, FAILED_VALIDATION }

    /** Which limits an order, and the certificate it brought, are exempt from at Let's Encrypt. */
    public enum Exemption {
        /** Counts for every limit. */
        NONE,
        /**
         * The same set of names as a certificate issued before: neither a new order nor a new
         * certificate of its registered domain, but a duplicate.
         */
        RENEWAL,
        /** It named the certificate it replaces inside the ARI window (RFC 9773): counts for nothing. */
        ARI
    }

    /**
     * One request. {@code names}: normalised; one name for a failed validation. {@code account}: the
     * account's URL.
     */
    public record Entry(Kind kind, Instant at, String account, List<String> names, Exemption exemption) {
        public Entry {
            names = List.copyOf(names);
            exemption = exemption == null ? Exemption.NONE : exemption;
        }

        Set<String> nameSet() {
            return new HashSet<>(names);
        }
    }

    public RequestLog {
        entries = List.copyOf(entries);
    }

    /** How long an entry of {@code kind} counts: the window of the limits that count it. */
    public static Duration retention(Kind kind) {
        return switch (kind) {
            case ORDER -> RateLimits.NEW_ORDERS_WINDOW;
            case CERTIFICATE -> RateLimits.CERTIFICATES_WINDOW;
            case FAILED_VALIDATION -> RateLimits.FAILED_VALIDATIONS_WINDOW;
        };
    }

    /** Without the entries that no window ending at {@code now} or later can count. */
    public RequestLog pruned(Instant now) {
        List<Entry> kept = entries.stream().filter(e -> e.at().isAfter(now.minus(retention(e.kind())))).toList();
        return kept.size() == entries.size() ? this : new RequestLog(kept);
    }

    public RequestLog with(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new RequestLog(all);
    }

    /** The times of the account's orders since {@code since} that count as new orders. */
    public List<Instant> newOrders(String account, Instant since) {
        return times(Kind.ORDER, since, e -> e.exemption() == Exemption.NONE && Objects.equals(e.account(), account));
    }

    /** The times of the certificates since {@code since} that count for the registered domain. */
    public List<Instant> certificatesOf(String registeredDomain, Instant since) {
        return times(Kind.CERTIFICATE, since, e -> e.exemption() == Exemption.NONE
                && e.names().stream().anyMatch(name -> RegisteredDomain.contains(registeredDomain, name)));
    }

    /** The times of the certificates since {@code since} for exactly these names (ARI renewals aside). */
    public List<Instant> duplicates(Set<String> names, Instant since) {
        return times(Kind.CERTIFICATE, since, e -> e.exemption() != Exemption.ARI && e.nameSet().equals(names));
    }

    /** The times of the account's failed validations of {@code name} since {@code since}. */
    public List<Instant> failedValidations(String account, String name, Instant since) {
        return times(Kind.FAILED_VALIDATION, since,
                e -> Objects.equals(e.account(), account) && e.names().contains(name));
    }

    /** Whether a certificate for exactly these names is in the log (a new one for them is a renewal). */
    public boolean issued(Set<String> names) {
        return entries.stream().anyMatch(e -> e.kind() == Kind.CERTIFICATE && e.nameSet().equals(names));
    }

    private List<Instant> times(Kind kind, Instant since, Predicate<Entry> counts) {
        return entries.stream().filter(e -> e.kind() == kind && e.at().isAfter(since) && counts.test(e))
                .map(Entry::at).sorted().toList();
    }
}
