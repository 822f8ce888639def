package io.acmectl.migrate;

import io.acmectl.core.Failure;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.KeyFiles;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.files.BoundedFiles;
import io.acmectl.files.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One lineage's files in certbot's layout: {@code archive/NAME/{cert,chain,fullchain,privkey}N.pem} and
 * {@code live/NAME/cert.pem}, a link to the live version's {@code certN.pem}. Versions that cannot be read
 * (a file missing, a key that is not the certificate's) are left out with a note; the live one must be
 * readable, or the lineage is not imported.
 */
final class CertbotArchive {
    private static final Pattern CERT = Pattern.compile("cert(\\d+)\\.pem");
    private static final long MAX_PEM = BoundedFiles.MIB;

    private final Path archive;
    private final Path liveCert;
    private final String shown;

    /** {@code liveCert}: where certbot's {@code live/NAME/cert.pem} is (it may not be there). */
    CertbotArchive(Path archive, Path liveCert, String shown) {
        this.archive = archive;
        this.liveCert = liveCert;
        this.shown = shown;
    }

    /** Oldest first, the live version last (certbot may serve an older one after a rollback). */
    List<CertbotVersion> versions(List<String> notes) {
        TreeSet<Integer> numbers = numbers();
        if (numbers.isEmpty()) {
            throw new Failure.BadInput(shown + " holds no certificate (cert1.pem...)");
        }
        int live = liveVersion().filter(numbers::contains).orElse(numbers.last());
        List<CertbotVersion> versions = new ArrayList<>();
        for (int number : numbers) {
            if (number == live) {
                continue;
            }
            try {
                versions.add(version(number));
            } catch (Failure.BadInput | IOException e) {
                notes.add(shown + ": version " + number + " not imported: " + e.getMessage());
            }
        }
        try {
            versions.add(version(live));
        } catch (IOException e) {
            throw new Failure.BadInput("the live version " + live + ": " + e.getMessage(), e);
        }
        return versions;
    }

    private TreeSet<Integer> numbers() {
        TreeSet<Integer> numbers = new TreeSet<>();
        if (!Files.isDirectory(archive)) {
            throw new Failure.BadInput(shown + " is missing");
        }
        try (Stream<Path> files = Files.list(archive)) {
            files.forEach(file -> {
                Matcher matcher = CERT.matcher(file.getFileName().toString());
                if (matcher.matches() && matcher.group(1).length() < 9) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            });
        } catch (IOException e) {
            throw new Failure.BadInput("cannot list " + shown + ": " + IoReasons.of(e), e);
        } catch (java.io.UncheckedIOException e) {
            throw new Failure.BadInput("cannot list " + shown + ": " + IoReasons.of(e.getCause()), e);
        }
        return numbers;
    }

    private Optional<Integer> liveVersion() {
        try {
            if (Files.isSymbolicLink(liveCert)) {
                Matcher matcher = CERT.matcher(Files.readSymbolicLink(liveCert).getFileName().toString());
                if (matcher.matches()) {
                    return Optional.of(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // the newest version, then
        }
        return Optional.empty();
    }

    private CertbotVersion version(int number) throws IOException {
        Path fullchain = archive.resolve("fullchain" + number + ".pem");
        List<X509Certificate> chain;
        if (Files.isRegularFile(fullchain)) {
            chain = certificates(fullchain);
        } else {
            chain = new ArrayList<>(certificates(archive.resolve("cert" + number + ".pem")));
            Path intermediates = archive.resolve("chain" + number + ".pem");
            if (Files.isRegularFile(intermediates)) {
                chain.addAll(certificates(intermediates));
            }
        }
        KeyPair key = KeyFiles.read(archive.resolve("privkey" + number + ".pem"));
        X509Certificate certificate = chain.get(0);
        if (!PublicKeys.same(certificate.getPublicKey(), key.getPublic())) {
            throw new IOException("privkey" + number + ".pem is not the key of cert" + number + ".pem");
        }
        CertificateCheck.subjectAltNames(certificate); // readable names, or an error here rather than later
        return new CertbotVersion(number, key, chain,
                Files.getLastModifiedTime(archive.resolve("cert" + number + ".pem")).toInstant());
    }

    private List<X509Certificate> certificates(Path file) throws IOException {
        String text = BoundedFiles.readString(file, MAX_PEM, "certificate file");
        List<X509Certificate> certificates = Pem.readCertificates(text, file.getFileName().toString());
        if (certificates.isEmpty()) {
            throw new IOException(file.getFileName() + " holds no certificate");
        }
        return certificates;
    }
}
