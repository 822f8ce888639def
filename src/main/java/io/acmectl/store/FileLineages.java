package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import io.acmectl.files.LockFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The lineages of a {@link FileStore}. Every write goes through {@link #edit}, which holds
 * {@code locks/certificate-NAME.lock} (released by the kernel if the process dies) for the work, and
 * first repairs what a stopped run left half-done ({@link LineageRepair}).
 */
final class FileLineages implements Lineages {
    private final LineageFiles files;
    private final Path locks;

    FileLineages(Path root, Path locks) {
        this.files = new LineageFiles(root);
        this.locks = locks;
    }

    @Override
    public List<CertificateName> names() {
        return files.names();
    }

    @Override
    public Optional<StoredCertificate> find(CertificateName name) {
        return files.read(name);
    }

    @Override
    public X509Certificate certificate(StoredCertificate lineage) {
        return files.certificate(lineage);
    }

    /**
     * The record's file (its inode, size and time: a write replaces it) and the version live/ links to.
     * Two writes of the same size within one tick of the file system's clock, the second reusing the
     * first's inode, would look alike: the memo that relies on it also expires (NotDueMemos).
     */
    @Override
    public String stamp(CertificateName name) {
        LineagePaths paths = files.paths(name);
        try {
            BasicFileAttributes record = Files.readAttributes(paths.mirror, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return record.fileKey() + " " + record.size() + " " + record.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    + " " + Files.readSymbolicLink(paths.live);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no record, or live/ no link (an earlier layout's folder): nothing to tell it by
        }
    }

    @Override
    public LiveFiles live(CertificateName name) {
        return files.live(name);
    }

    @Override
    public <T> T edit(CertificateName name, Function<LineageEditor, T> work) {
        try (LockFile held = StoreLocks.lineage(locks, name)) {
            LineagePaths paths = files.paths(name);
            LineageWriter writer = new LineageWriter(paths);
            LineageRepair repair = new LineageRepair(files, paths, writer);
            List<String> repairs = repair.run();
            StoredCertificate read = repairs.isEmpty() ? repair.servedRecord().orElse(null) : null;
            Editor inner = new Editor(name, writer, repairs, read);
            try (GuardedLineageEditor editor = new GuardedLineageEditor(name, inner)) {
                return work.apply(editor);
            }
        }
    }

    /** The writes, reachable only through the guard {@link #edit} wraps around it. */
    private final class Editor implements LineageEditor {
        private final CertificateName name;
        private final LineageWriter writer;
        private final List<String> repairs;
        /**
         * The record as last read, while this edit has written nothing since (null: read it). The lock
         * keeps every other writer out, and a run that finds nothing due reads each record once, not
         * twice (the repair's check and the renewal check).
         */
        private Optional<StoredCertificate> known;

        /** {@code read}: the record the repair read and left as it was, or null. */
        Editor(CertificateName name, LineageWriter writer, List<String> repairs, StoredCertificate read) {
            this.name = name;
            this.writer = writer;
            this.repairs = repairs;
            this.known = read == null ? null : Optional.of(read);
        }

        @Override
        public Optional<StoredCertificate> current() {
            if (known == null) {
                known = files.read(name);
            }
            return known;
        }

        @Override
        public KeyPair key(StoredCertificate lineage) {
            return files.key(lineage);
        }

        @Override
        public StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain) {
            known = null;
            return writer.save(metadata, key, chain);
        }

        @Override
        public void update(StoredCertificate metadata) {
            known = null;
            writer.update(metadata);
        }

        @Override
        public void removeLive() {
            known = null;
            writer.removeLive();
        }

        @Override
        public void delete() {
            known = null;
            writer.delete();
        }

        @Override
        public Optional<PendingOrder> pendingOrder() {
            return files.pendingOrder(name);
        }

        @Override
        public void savePendingOrder(PendingOrder order) {
            writer.savePending(order);
        }

        @Override
        public void dropPendingOrder() {
            writer.dropPending();
        }

        @Override
        public List<String> repairs() {
            return repairs;
        }
    }
}
