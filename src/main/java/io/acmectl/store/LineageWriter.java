package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.Pem;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.FolderEntry;
import io.acmectl.files.IoReasons;
import io.acmectl.files.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a lineage's files, one per edit, used only under the lineage's lock. A new
 * version is written whole before anything points at it: its four files, then its folder (links to
 * them and its {@code metadata.json}, renamed into place complete), then {@code live/NAME} is switched
 * to that folder by one rename, which is the moment the new certificate, key and metadata become
 * live together. {@code renewal/NAME.json} follows; a run stopped before it leaves it a version
 * behind, which no reader trusts over {@code live/} and the next edit's {@link LineageRepair} rewrites.
 * An update of the metadata alone takes effect with its write of {@code renewal/NAME.json}.
 */
final class LineageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(LineageWriter.class);

    private final LineagePaths paths;
    private boolean cleaned;

    LineageWriter(LineagePaths paths) {
        this.paths = paths;
    }

    StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain holds at least the certificate");
        }
        try {
            removeLeftovers();
            int version = paths.nextVersion();
            String leaf = Pem.certificate(chain.get(0));
            String intermediates = Pem.certificates(chain.subList(1, chain.size()));
            writeVersioned(Part.CHAIN, version, intermediates);
            writeVersioned(Part.FULLCHAIN, version, leaf + intermediates);
            writeVersioned(Part.PRIVKEY, version, Pem.keyPair(key));
            writeVersioned(Part.CERT, version, leaf);
            StoredCertificate saved = metadata.withVersion(version);
            byte[] record = Documents.bytes(LineageRecord.of(saved));
            AtomicFiles.writeFolder(paths.versionFolder(version), versionFolder(version, record));
            AtomicFiles.symlink(paths.live, paths.liveTarget(version));
            AtomicFiles.write(paths.mirror, record, AtomicFiles.PUBLIC);
            return saved;
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot store certificate " + paths.name + " in " + paths.archive + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a version's metadata: its own record, and the copy in {@code renewal/} when it is the
     * version {@code live/} serves (or nothing is served). A lineage still in the earlier layout is
     * moved to the new one first: its first write is its migration.
     */
    void update(StoredCertificate metadata) {
        int version = metadata.version();
        try {
            removeLeftovers();
            Served served = Served.of(paths);
            byte[] record = Documents.bytes(LineageRecord.of(metadata));
            if (served.isFolder() && served.version() == version) {
                switchTo(version, record);
            } else if (Files.isDirectory(paths.versionFolder(version))) {
                AtomicFiles.write(paths.metadata(version), record, AtomicFiles.PUBLIC);
            }
            if (served.servesNothing() || served.version() == version) {
                AtomicFiles.write(paths.mirror, record, AtomicFiles.PUBLIC);
            } else if (!Files.isDirectory(paths.versionFolder(version))) {
                LOG.warn("{}: not recording metadata of version {}: live/ serves version {}", paths.name, version,
                        served.version());
            }
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot write the metadata of " + paths.name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps an order about to be finalized: its key first (0600), then the record that names it, so
     * a record is never read with another order's key; an earlier record goes before the new key comes.
     */
    void savePending(PendingOrder pending) {
        try {
            removeLeftovers();
            removeIfThere(paths.pendingOrder());
            AtomicFiles.write(paths.pendingKey(), Pem.keyPair(pending.key()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.SECRET);
            AtomicFiles.write(paths.pendingOrder(), Documents.bytes(PendingOrderRecord.of(pending)),
                    AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot record the order " + pending.order() + " of " + paths.name
                    + " in " + paths.archive + ": " + e.getMessage(), e);
        }
    }

    /** The record first: a key without one is never read, and goes with the next save or drop. */
    void dropPending() {
        try {
            removeLeftovers();
            removeIfThere(paths.pendingOrder());
            removeIfThere(paths.pendingKey());
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot remove the pending order of " + paths.name + " from "
                    + paths.archive + ": " + e.getMessage(), e);
        }
    }

    /** Takes the lineage out of {@code live/}: from then on {@code renewal/NAME.json} alone says what it is. */
    void removeLive() {
        try {
            Served served = Served.of(paths);
            if (served.isLink()) {
                Path own = paths.metadata(served.version());
                if (Files.isRegularFile(own)) {
                    AtomicFiles.write(paths.mirror, Files.readAllBytes(own), AtomicFiles.PUBLIC);
                }
                AtomicFiles.remove(paths.live);
            } else if (served.isFolder()) {
                for (Part part : Part.values()) {
                    AtomicFiles.remove(paths.live.resolve(part.fileName()));
                }
                AtomicFiles.remove(paths.live);
            }
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot remove " + paths.live + ": " + e.getMessage(), e);
        }
    }

    /**
     * The whole lineage, in the order {@link LineageEditor#delete} gives: live/, then the record,
     * then the archive. Its lock file stays: another run may be waiting on it.
     */
    void delete() {
        try {
            removeLeftovers();
            removeLive();
            removeIfThere(paths.mirror);
            AtomicFiles.removeTree(paths.archive);
            cleaned = false; // a save in the same edit starts from an empty archive
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot delete certificate " + paths.name + ": " + IoReasons.of(e), e);
        }
    }

    /**
     * Makes {@code version} (whose four files are in the archive) the live one with this metadata,
     * from any layout: its folder is written if missing, then {@code live/NAME} switched to it. An
     * earlier layout's folder of links is renamed aside for the switch and removed after it.
     */
    void switchTo(int version, byte[] record) throws IOException {
        if (Files.isDirectory(paths.versionFolder(version))) {
            AtomicFiles.write(paths.metadata(version), record, AtomicFiles.PUBLIC);
        } else {
            AtomicFiles.writeFolder(paths.versionFolder(version), versionFolder(version, record));
        }
        AtomicFiles.symlink(paths.live, paths.liveTarget(version));
    }

    /**
     * What stopped runs left of this lineage's writes: every temporary file is ours to remove, since
     * only the holder of this lock writes them. Done once per edit, before its first write.
     */
    void removeLeftovers() throws IOException {
        if (cleaned) {
            return;
        }
        cleaned = true;
        List<Path> removed = new ArrayList<>(Leftovers.removeFor(paths.live));
        removed.addAll(Leftovers.removeFor(paths.mirror));
        removed.addAll(Leftovers.removeAllIn(paths.archive));
        Served served = Served.of(paths);
        if (served.isLink()) {
            removed.addAll(Leftovers.removeAllIn(paths.versionFolder(served.version())));
        }
        if (!removed.isEmpty()) {
            LOG.info("{}: removed what stopped runs left: {}", paths.name, removed);
        }
    }

    /** A removal that has nothing to remove is no write point. */
    private static void removeIfThere(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.remove(file);
        }
    }

    private List<FolderEntry> versionFolder(int version, byte[] record) {
        List<FolderEntry> entries = new ArrayList<>();
        for (Part part : Part.values()) {
            entries.add(FolderEntry.link(part.fileName(), Path.of("..", part.versioned(version))));
        }
        entries.add(FolderEntry.file(LineagePaths.METADATA, record, AtomicFiles.PUBLIC));
        return entries;
    }

    private void writeVersioned(Part part, int version, String pem) throws IOException {
        AtomicFiles.write(paths.versioned(part, version), pem.getBytes(StandardCharsets.US_ASCII),
                part == Part.PRIVKEY ? AtomicFiles.SECRET : AtomicFiles.PUBLIC);
    }
}
