package io.acmectl.flow;

import io.acmectl.core.RateLimits;
import io.acmectl.core.RegisteredDomain;
import io.acmectl.core.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rate limits an order would reach, counted in the CA's request log, and when the last of them
 * clears. Pure: the log and the time are passed in. As at Let's Encrypt, an order that names the
 * certificate it replaces (ARI) is held back by nothing, and a renewal (the same names as a
 * certificate issued before) is neither a new order nor a new certificate of its domain, only a duplicate.
 */
final class RateLimitCheck {
    /** The limits reached, worded, and when the order would be let through; empty when none is reached. */
    record Reached(List<String> limits, Instant clearsAt) {
        boolean any() {
            return !limits.isEmpty();
        }
    }

    private final List<String> reached = new ArrayList<>();
    private Instant clearsAt;

    private RateLimitCheck() {}

    static Reached check(RateLimits limits, RequestLog log, OrderGuard.Ticket order, Instant now) {
        RateLimitCheck check = new RateLimitCheck();
        if (order.exemption() == RequestLog.Exemption.ARI) {
            return check.result();
        }
        Duration hour = RateLimits.FAILED_VALIDATIONS_WINDOW;
        for (String name : order.names()) {
            check.count(log.failedValidations(order.account(), name, now.minus(hour)), limits.failedValidations(),
                    hour, "failed validations of " + name + " in the last hour", "failed-validations");
        }
        Duration week = RateLimits.CERTIFICATES_WINDOW;
        check.count(log.duplicates(new HashSet<>(order.names()), now.minus(week)), limits.duplicates(), week,
                "certificates for exactly these names in the last 7 days", "duplicates");
        if (order.exemption() == RequestLog.Exemption.NONE) {
            Duration threeHours = RateLimits.NEW_ORDERS_WINDOW;
            check.count(log.newOrders(order.account(), now.minus(threeHours)), limits.newOrders(), threeHours,
                    "new orders by this account in the last 3 hours", "new-orders");
            for (String domain : registeredDomains(order.names())) {
                check.count(log.certificatesOf(domain, now.minus(week)), limits.certificatesPerDomain(), week,
                        "certificates for names in " + domain + " in the last 7 days", "certificates-per-domain");
            }
        }
        return check.result();
    }

    /**
     * A limit is reached when the window holds {@code limit} entries already; it clears when enough of
     * the oldest have left it that one more fits.
     */
    private void count(List<Instant> times, int limit, Duration window, String what, String key) {
        if (limit <= 0 || times.size() < limit) {
            return;
        }
        reached.add(what + ": " + times.size() + " (" + key + ": " + limit + ")");
        Instant clears = times.get(times.size() - limit).plus(window);
        clearsAt = clearsAt == null || clears.isAfter(clearsAt) ? clears : clearsAt;
    }

    private Reached result() {
        return new Reached(List.copyOf(reached), clearsAt);
    }

    private static Set<String> registeredDomains(List<String> names) {
        Set<String> domains = new LinkedHashSet<>();
        names.forEach(name -> domains.add(RegisteredDomain.of(name)));
        return domains;
    }
}
