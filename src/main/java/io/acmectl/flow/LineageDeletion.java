package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.store.Store;

/**
 * {@code delete}: removes a lineage from the store (live files, every archived version and key, its
 * renewal record) under its lock. Contacts no CA: the certificate stays valid there until it expires or
 * is revoked. Its want-list entry, if any, is the admin's to remove, or {@code issue --all} gets it again.
 */
public final class LineageDeletion {
    private final Store store;

    public LineageDeletion(Store store) {
        this.store = store;
    }

    /** The lineage a deletion would remove, for the question before it; an unknown name is an error. */
    public StoredCertificate find(CertificateName name) {
        if (!store.exists()) {
            throw unknown(name);
        }
        return store.lineages().find(name).orElseThrow(() -> unknown(name));
    }

    /** Removes it; another run working on it makes this fail (Locked) rather than wait. */
    public void delete(CertificateName name) {
        store.open();
        store.lineages().edit(name, editor -> {
            if (editor.current().isEmpty()) {
                throw unknown(name); // deleted by another run since find
            }
            editor.delete();
            return null;
        });
    }

    private Failure.BadInput unknown(CertificateName name) {
        return new Failure.BadInput("no certificate named '" + name + "' in " + store.root());
    }
}
