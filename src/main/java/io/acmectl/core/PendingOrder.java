package io.acmectl.core;

import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An order about to be finalized, kept with its lineage until the certificate it brings is stored.
 * A run stopped after finalize (the CA may have issued) leaves it, and the next run for the lineage
 * fetches that order's certificate instead of ordering again: another order would count against the
 * CA's duplicate-certificate limit (5 a week at Let's Encrypt). {@code account}: the account that
 * placed it, the only one allowed to read it; {@code key}: the certificate key its CSR is signed with;
 * {@code profile} may be null; {@code replacing}: the lineage's version when it was placed (0: none),
 * so that a record a run left after storing its certificate is told apart from one still to do.
 */
public record PendingOrder(URL order, URL account, CaServer server, List<String> domains, String profile,
        int replacing, KeyPair key, Instant placedAt) {

    public PendingOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        domains = List.copyOf(domains);
    }

    public List<Identifier> identifiers() {
        return domains.stream().map(Identifier::dns).toList();
    }

    /**
     * Whether its certificate is what {@code spec} asks for: the same CA, names (in any order), profile
     * and key type. Anything else is ordered anew, as asked.
     */
    public boolean isFor(CertificateSpec spec) {
        return server.equals(spec.server()) && new HashSet<>(domains).equals(new HashSet<>(spec.domains()))
                && Objects.equals(profile, spec.profile()) && KeyType.of(key.getPublic()) == spec.key().type();
    }
}
