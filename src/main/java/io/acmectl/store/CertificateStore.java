package io.acmectl.store;

import io.acmectl.AcmectlException;
import io.acmectl.crypto.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Certificate lineages in certbot's layout, so existing nginx and Apache configurations keep working:
 * {@code archive/NAME/{cert,chain,fullchain,privkey}N.pem} holds every version, {@code live/NAME/*.pem}
 * are symbolic links to the newest, and {@code renewal/NAME.json} says how to renew it.
 */
public final class CertificateStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERSIONED = Pattern.compile("cert(\\d+)\\.pem");
    private static final String SUFFIX = ".json";

    /** The files of a lineage, in the order they are switched: the key and its certificate last. */
    public enum Part {
        CHAIN, FULLCHAIN, PRIVKEY, CERT;

        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT) + ".pem";
        }
    }

    private final Path archive;
    private final Path live;
    private final Path renewal;

    CertificateStore(Path root) {
        this.archive = root.resolve("archive");
        this.live = root.resolve("live");
        this.renewal = root.resolve("renewal");
    }

    /** Refuses names that could escape the store or confuse a shell. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw AcmectlException.usage("invalid certificate name '" + name
                    + "': use letters, digits, '.', '_' and '-' (at most 128)");
        }
        return name;
    }

    public Path liveDirectory(String name) {
        return live.resolve(name);
    }

    public Path livePath(String name, Part part) {
        return liveDirectory(name).resolve(part.fileName());
    }

    public Optional<StoredCertificate> find(String name) {
        Path file = renewalFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Documents.read(file, StoredCertificate.class));
        } catch (IOException e) {
            throw AcmectlException.store("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<StoredCertificate> list() {
        List<StoredCertificate> all = new ArrayList<>();
        names().forEach(name -> find(name).ifPresent(all::add));
        return all;
    }

    /** The names of the stored lineages, sorted, from the file names alone (nothing is parsed). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(renewal)) {
            return names;
        }
        try (Stream<Path> files = Files.list(renewal)) {
            files.map(file -> file.getFileName().toString())
                    .filter(fileName -> fileName.endsWith(SUFFIX) && !fileName.startsWith("."))
                    .map(fileName -> fileName.substring(0, fileName.length() - SUFFIX.length()))
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw AcmectlException.store("cannot list " + renewal + ": " + e.getMessage(), e);
        }
        return names;
    }

    public boolean exists(String name) {
        return Files.isRegularFile(renewalFile(name));
    }

    /** Rewrites a lineage's metadata (after a revocation, for example); its files stay as they are. */
    public void update(StoredCertificate metadata) {
        try {
            Documents.write(renewalFile(metadata.name()), metadata);
        } catch (IOException e) {
            throw AcmectlException.store("cannot update " + renewalFile(metadata.name()) + ": " + e.getMessage(), e);
        }
    }

    /** Takes a lineage out of {@code live/}; its archive and metadata stay. */
    public void removeLive(String name) {
        Path folder = liveDirectory(checkName(name));
        try {
            for (Part part : Part.values()) {
                Files.deleteIfExists(folder.resolve(part.fileName()));
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw AcmectlException.store("cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The newest certificate of a lineage, read from the archive so it works after removeLive too. */
    public X509Certificate readCertificate(StoredCertificate metadata) {
        Path file = archived(metadata, Part.CERT);
        try {
            return Pem.readCertificates(Files.readString(file), file.toString()).get(0);
        } catch (IOException e) {
            throw AcmectlException.store("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The private key of a lineage's newest version, for renewals that keep their key. */
    public KeyPair readKey(StoredCertificate metadata) {
        Path file = archived(metadata, Part.PRIVKEY);
        try {
            return Pem.readKeyPair(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw AcmectlException.store("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a new version and switches {@code live/} to it. The caller holds the lineage's lock and
     * has verified the certificate; {@code metadata.version()} is replaced by the version written.
     */
    public StoredCertificate save(StoredCertificate metadata, KeyPair key, List<X509Certificate> chain) {
        String name = checkName(metadata.name());
        Path folder = archive.resolve(name);
        try {
            int version = latestArchivedVersion(folder) + 1;
            String leaf = Pem.certificate(chain.get(0));
            String intermediates = Pem.certificates(chain.subList(1, chain.size()));
            writeVersion(folder, Part.CHAIN, version, intermediates);
            writeVersion(folder, Part.FULLCHAIN, version, leaf + intermediates);
            writeVersion(folder, Part.PRIVKEY, version, Pem.keyPair(key));
            writeVersion(folder, Part.CERT, version, leaf);
            for (Part part : Part.values()) {
                AtomicFiles.symlink(livePath(name, part),
                        Path.of("..", "..", "archive", name, versionedName(part, version)));
            }
            StoredCertificate saved = metadata.withVersion(version);
            Documents.write(renewalFile(name), saved);
            return saved;
        } catch (IOException e) {
            throw AcmectlException.store("cannot store certificate " + name + ": " + e.getMessage(), e);
        }
    }

    private void writeVersion(Path folder, Part part, int version, String pem) throws IOException {
        AtomicFiles.write(folder.resolve(versionedName(part, version)), pem.getBytes(StandardCharsets.US_ASCII),
                part == Part.PRIVKEY ? AtomicFiles.SECRET : AtomicFiles.PUBLIC);
    }

    /** A part of the lineage's current version in the archive. */
    private Path archived(StoredCertificate metadata, Part part) {
        return archive.resolve(metadata.name()).resolve(versionedName(part, metadata.version()));
    }

    private static String versionedName(Part part, int version) {
        return part.name().toLowerCase(java.util.Locale.ROOT) + version + ".pem";
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

    private Path renewalFile(String name) {
        return renewal.resolve(checkName(name) + SUFFIX);
    }
}
