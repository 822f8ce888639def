package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's lineages on disk, in certbot's layout so existing nginx and Apache configurations keep
 * working ({@code live/NAME/fullchain.pem} ...; where each file is: {@link LineagePaths}). Reading
 * needs no lock: the metadata read is always of the version {@code live/NAME} points at, so what is
 * served and what is known of it agree at every instant, even after a stopped run. Writing is
 * {@link LineageWriter}'s, under the lineage's lock.
 */
final class LineageFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LineageFiles.class);
    private static final String SUFFIX = ".json";

    private final Path root;
    private final Path live;
    private final Path renewal;

    LineageFiles(Path root) {
        this.root = root;
        this.live = root.resolve("live");
        this.renewal = root.resolve("renewal");
    }

    LineagePaths paths(CertificateName name) {
        return new LineagePaths(root, name);
    }

    /**
     * From the file names alone (nothing is parsed): {@code renewal/NAME.json}, and links in
     * {@code live/} to a version folder (a first issuance stopped before it wrote {@code renewal/}). A
     * name no acmectl could have written is not a lineage.
     */
    List<CertificateName> names() {
        TreeSet<CertificateName> names = new TreeSet<>();
        list(renewal).filter(fileName -> fileName.endsWith(SUFFIX))
                .forEach(fileName -> lineageName(fileName.substring(0, fileName.length() - SUFFIX.length()))
                        .ifPresent(names::add));
        // A name renewal/ gave is a lineage already: only the others cost the look at their link (three system
        // calls each, on the main thread before a batch starts).
        list(live).forEach(fileName -> lineageName(fileName).filter(name -> !names.contains(name))
                .filter(this::linkedToAVersion).ifPresent(names::add));
        return List.copyOf(names);
    }

    /** A link of ours, not one a user put in live/ (which is no lineage of this store). */
    private boolean linkedToAVersion(CertificateName name) {
        LineagePaths paths = paths(name);
        if (!Files.isSymbolicLink(paths.live)) {
            return false;
        }
        try {
            int version = LineagePaths.versionOfFolder(Files.readSymbolicLink(paths.live));
            return version > 0 && Files.isRegularFile(paths.metadata(version));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The copy in {@code renewal/} when it is of the version {@code live/} serves (it may carry hand
     * edits of the settings); otherwise the served version's own record, or, for a version an earlier
     * acmectl switched to without recording it, what its certificate says.
     */
    Optional<StoredCertificate> read(CertificateName name) {
        LineagePaths paths = paths(name);
        Served served;
        try {
            served = Served.of(paths);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + paths.live + ": " + e.getMessage(), e);
        }
        Optional<StoredCertificate> copy = Files.isRegularFile(paths.mirror)
                ? Optional.of(record(paths.mirror, name)) : Optional.empty();
        if (served.servesNothing() || copy.isPresent() && copy.get().version() == served.version()) {
            return copy;
        }
        if (served.isLink() && Files.isRegularFile(paths.metadata(served.version()))) {
            return Optional.of(record(paths.metadata(served.version()), name));
        }
        return copy.map(base -> derive(paths, base, served.version()));
    }

    /**
     * The order a run was finalizing, if its record and key are both there. A record that cannot be
     * read is no order to resume (logged): the next order's record replaces it.
     */
    Optional<PendingOrder> pendingOrder(CertificateName name) {
        LineagePaths paths = paths(name);
        if (!Files.isRegularFile(paths.pendingOrder(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            KeyPair key = Pem.readKeyPair(Files.readString(paths.pendingKey(), StandardCharsets.US_ASCII), "it");
            return Optional.of(Documents.read(paths.pendingOrder(), PendingOrderRecord.class).toPendingOrder(key));
        } catch (IOException e) {
            LOG.warn("{}: ignoring the pending order in {}: {}", name, paths.archive, e.getMessage());
            return Optional.empty();
        }
    }

    LiveFiles live(CertificateName name) {
        return new LiveFiles(live.resolve(name.value()));
    }

    /** The version's certificate, read from the archive so it works after {@code removeLive} too. */
    X509Certificate certificate(StoredCertificate lineage) {
        return certificate(paths(lineage.name()).versioned(Part.CERT, lineage.version()));
    }

    KeyPair key(StoredCertificate lineage) {
        Path file = paths(lineage.name()).versioned(Part.PRIVKEY, lineage.version());
        try {
            return Pem.readKeyPair(Files.readString(file, StandardCharsets.US_ASCII), "it");
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The metadata of a version whose own record is missing (written by an earlier acmectl stopped
     * between its links and its metadata): the facts from its certificate, the settings and account
     * from {@code base} (the lineage's), nothing known yet of its renewal or revocation.
     */
    StoredCertificate derive(LineagePaths paths, StoredCertificate base, int version) {
        Path file = paths.versioned(Part.CERT, version);
        X509Certificate certificate = certificate(file);
        Instant written;
        try {
            written = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new StoredCertificate(base.name(), version, certificate.getSerialNumber().toString(16), written,
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), null, null,
                base.spec(), base.accountUrl(), RenewalState.NONE);
    }

    /** {@code name}: the lineage the file belongs to, which its path says. */
    static StoredCertificate record(Path file, CertificateName name) {
        try {
            return Documents.read(file, LineageRecord.class).toLineage(name);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        } catch (Failure.BadInput e) {
            throw new Failure.BadInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(Path file) {
        try {
            return Pem.readCertificates(Files.readString(file, StandardCharsets.US_ASCII), "it").get(0);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The names in a folder, leaving out the hidden ones (temporary files). */
    private static Stream<String> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(fileName -> !fileName.startsWith("."))
                    .toList().stream();
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Optional<CertificateName> lineageName(String text) {
        try {
            return Optional.of(CertificateName.of(text));
        } catch (Failure.BadInput e) {
            return Optional.empty();
        }
    }
}
