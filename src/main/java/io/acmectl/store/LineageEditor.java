package io.acmectl.store;

import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What may be done to one lineage while its lock is held; only {@link Lineages#edit} hands one out. */
public interface LineageEditor {
    /** The lineage as it is now, read under the lock: a run that held it a moment ago may have changed it. */
    Optional<StoredCertificate> current();

    /** The newest version's private key, for renewals that keep their key. */
    KeyPair key(StoredCertificate lineage);

    /**
     * Adds a new version and makes it the live one. The certificate has been checked against the key
     * and the names asked; {@code metadata.version()} is replaced by the version written.
     */
    StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain);

    /** Rewrites the metadata (renewal state, a revocation); the certificate files stay as they are. */
    void update(StoredCertificate metadata);

    /** Takes the lineage out of {@code live/}; its archive and metadata stay. */
    void removeLive();

    /**
     * Removes the lineage: its live files first (nothing serves it any more), then its record (it is
     * no lineage any more), then its archive (every version, its keys, a pending order). A run stopped
     * in between leaves the lineage without live files (as {@code revoke --delete} does), which a
     * second delete removes, or an archive no reader looks at. Afterwards {@link #current()} is empty
     * and {@link #save} starts a new lineage at version 1.
     */
    void delete();

    /** The order a run was finalizing when it stopped, before it stored the certificate; empty almost always. */
    Optional<PendingOrder> pendingOrder();

    /**
     * Keeps an order and its certificate key (0600) before it is finalized, replacing any earlier
     * one: from then on a stopped run's certificate can be fetched instead of ordered again.
     */
    void savePendingOrder(PendingOrder order);

    /** Forgets the pending order: its certificate is stored, or it will never bring one. */
    void dropPendingOrder();

    /**
     * What the store found half-done by a stopped run when this edit began, and completed or undid
     * before handing out the editor (also logged at WARN); empty almost always.
     */
    default List<String> repairs() {
        return List.of();
    }
}
