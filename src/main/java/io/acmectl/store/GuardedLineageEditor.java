package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Lineages#edit} hands out, for files and memory alike: it passes calls to the store's
 * own editor while the lock is held, refuses them once the edit has returned (the lock is gone by
 * then), and refuses metadata of another lineage, whose lock it does not hold.
 */
final class GuardedLineageEditor implements LineageEditor, AutoCloseable {
    private final CertificateName name;
    private final LineageEditor inner;
    private volatile boolean open = true;

    GuardedLineageEditor(CertificateName name, LineageEditor inner) {
        this.name = name;
        this.inner = inner;
    }

    @Override
    public Optional<StoredCertificate> current() {
        check(name);
        return inner.current();
    }

    @Override
    public KeyPair key(StoredCertificate lineage) {
        check(lineage.name());
        return inner.key(lineage);
    }

    @Override
    public StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain) {
        check(metadata.name());
        return inner.save(metadata, key, chain);
    }

    @Override
    public void update(StoredCertificate metadata) {
        check(metadata.name());
        inner.update(metadata);
    }

    @Override
    public void removeLive() {
        check(name);
        inner.removeLive();
    }

    @Override
    public void delete() {
        check(name);
        inner.delete();
    }

    @Override
    public Optional<PendingOrder> pendingOrder() {
        check(name);
        return inner.pendingOrder();
    }

    @Override
    public void savePendingOrder(PendingOrder order) {
        check(name);
        inner.savePendingOrder(order);
    }

    @Override
    public void dropPendingOrder() {
        check(name);
        inner.dropPendingOrder();
    }

    @Override
    public List<String> repairs() {
        check(name);
        return inner.repairs();
    }

    @Override
    public void close() {
        open = false;
    }

    private void check(CertificateName target) {
        if (!open) {
            throw new IllegalStateException("the editor of certificate " + name
                    + " was used after its edit returned, without the lock");
        }
        if (!name.equals(target)) {
            throw new IllegalArgumentException("the editor of certificate " + name + " cannot change " + target);
        }
    }
}
