package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.Pem;
import io.acmectl.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place that writes a lineage's files, in certbot's layout so existing nginx and Apache
 * configurations keep working: {@code archive/NAME/{cert,chain,fullchain,privkey}N.pem} holds every
 * version, {@code live/NAME/*.pem} are symbolic links to the newest, and {@code renewal/NAME.json}
 * says how to renew it. It takes no locks: {@link FileLineages} calls its writes only under one.
 */
final class LineageFiles {
    private static final Pattern VERSIONED = Pattern.compile("cert(\\d+)\\.pem");
    private static final String SUFFIX = ".json";

    /** The files of a version, in the order they are switched: the key and its certificate last. */
    enum Part {
        CHAIN, FULLCHAIN, PRIVKEY, CERT;

        String versioned(int version) {
            return name().toLowerCase(Locale.ROOT) + version + ".pem";
        }
    }

    private final Path archive;
    private final Path live;
    private final Path renewal;

    LineageFiles(Path root) {
        this.archive = root.resolve("archive");
        this.live = root.resolve("live");
        this.renewal = root.resolve("renewal");
    }

    /** From the file names alone (nothing is parsed); a file no acmectl could have named is not a lineage. */
    List<CertificateName> names() {
        List<CertificateName> names = new ArrayList<>();
        if (!Files.isDirectory(renewal)) {
            return names;
        }
        try (Stream<Path> files = Files.list(renewal)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(SUFFIX) && !fileName.startsWith(".")) {
                    lineageName(fileName.substring(0, fileName.length() - SUFFIX.length())).ifPresent(names::add);
                }
            }
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot list " + renewal + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    Optional<StoredCertificate> read(CertificateName name) {
        Path file = renewalFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Documents.read(file, LineageRecord.class).toLineage(name));
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        } catch (Failure.BadInput e) {
            throw new Failure.BadInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    LiveFiles live(CertificateName name) {
        return new LiveFiles(live.resolve(name.value()));
    }

    /** The newest certificate, read from the archive so it works after {@link #removeLive} too. */
    X509Certificate certificate(StoredCertificate lineage) {
        Path file = archived(lineage, Part.CERT);
        try {
            return Pem.readCertificates(Files.readString(file, StandardCharsets.US_ASCII), "it").get(0);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    KeyPair key(StoredCertificate lineage) {
        Path file = archived(lineage, Part.PRIVKEY);
        try {
            return Pem.readKeyPair(Files.readString(file, StandardCharsets.US_ASCII), "it");
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a version and switches {@code live/} to it, then writes the metadata with the version
     * number. The four links switch one after another (chain, fullchain, then the key and its
     * certificate), so a reader can briefly see a new chain beside the old key; issue 12 will make the
     * switch one rename. A crash before the metadata leaves a version the next save counts past.
     */
    StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain holds at least the certificate");
        }
        String name = metadata.name().value();
        Path folder = archive.resolve(name);
        try {
            int version = latestArchivedVersion(folder) + 1;
            String leaf = Pem.certificate(chain.get(0));
            String intermediates = Pem.certificates(chain.subList(1, chain.size()));
            writeVersion(folder, Part.CHAIN, version, intermediates);
            writeVersion(folder, Part.FULLCHAIN, version, leaf + intermediates);
            writeVersion(folder, Part.PRIVKEY, version, Pem.keyPair(key));
            writeVersion(folder, Part.CERT, version, leaf);
            LiveFiles links = live(metadata.name());
            for (Part part : Part.values()) {
                AtomicFiles.symlink(livePath(links, part), Path.of("..", "..", "archive", name, part.versioned(version)));
            }
            StoredCertificate saved = metadata.withVersion(version);
            Documents.write(renewalFile(saved.name()), LineageRecord.of(saved));
            return saved;
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot store certificate " + name + " in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    void update(StoredCertificate metadata) {
        Path file = renewalFile(metadata.name());
        try {
            Documents.write(file, LineageRecord.of(metadata));
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void removeLive(CertificateName name) {
        LiveFiles links = live(name);
        try {
            for (Part part : Part.values()) {
                Files.deleteIfExists(livePath(links, part));
            }
            Files.deleteIfExists(links.directory());
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot remove " + links.directory() + ": " + e.getMessage(), e);
        }
    }

    private static Path livePath(LiveFiles links, Part part) {
        return switch (part) {
            case CHAIN -> links.chain();
            case FULLCHAIN -> links.fullchain();
            case PRIVKEY -> links.privkey();
            case CERT -> links.cert();
        };
    }

    private static void writeVersion(Path folder, Part part, int version, String pem) throws IOException {
        AtomicFiles.write(folder.resolve(part.versioned(version)), pem.getBytes(StandardCharsets.US_ASCII),
                part == Part.PRIVKEY ? AtomicFiles.SECRET : AtomicFiles.PUBLIC);
    }

    private Path archived(StoredCertificate lineage, Part part) {
        return archive.resolve(lineage.name().value()).resolve(part.versioned(lineage.version()));
    }

    private Path renewalFile(CertificateName name) {
        return renewal.resolve(name.value() + SUFFIX);
    }

    /** Counted from the archive, not the metadata, so a version left by a crashed run is never overwritten. */
    private static int latestArchivedVersion(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int latest = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    latest = Math.max(latest, Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return latest;
    }

    private static Optional<CertificateName> lineageName(String text) {
        try {
            return Optional.of(CertificateName.of(text));
        } catch (Failure.BadInput e) {
            return Optional.empty();
        }
    }
}
