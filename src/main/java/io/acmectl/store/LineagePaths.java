package io.acmectl.store;

import io.acmectl.core.CertificateName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where one lineage's files are. {@code archive/NAME/} keeps every version twice over: certbot's
 * {@code cert3.pem ...} (the files themselves) and a version folder {@code v3/} that holds links to
 * them ({@code cert.pem -> ../cert3.pem}) and the version's {@code metadata.json}. {@code live/NAME}
 * is a link to the live version's folder, so one rename switches the whole set and its metadata
 * together. {@code renewal/NAME.json} is the lineage's metadata as before (hand edits of its settings
 * still count), trusted only while it names the version {@code live/} serves: a run stopped after
 * the switch leaves it a version behind, and then the version folder's record is the truth.
 * {@code archive/NAME/pending-order.json} and {@code pending-key.pem} (0600) are an order a run is
 * finalizing, there until its certificate is stored.
 */
final class LineagePaths {
    static final String METADATA = "metadata.json";
    static final String PENDING_ORDER = "pending-order.json";
    static final String PENDING_KEY = "pending-key.pem";
    private static final Pattern VERSION_FOLDER = Pattern.compile("v(\\d+)");
    private static final Pattern VERSIONED = Pattern.compile("(?:cert|chain|fullchain|privkey)(\\d+)\\.pem");

    final CertificateName name;
    final Path archive;
    final Path live;
    final Path mirror;

    LineagePaths(Path root, CertificateName name) {
        this.name = name;
        this.archive = root.resolve("archive").resolve(name.value());
        this.live = root.resolve("live").resolve(name.value());
        this.mirror = root.resolve("renewal").resolve(name.value() + ".json");
    }

    /** An order about to be finalized ({@link io.acmectl.core.PendingOrder}); its key is {@link #pendingKey}. */
    Path pendingOrder() {
        return archive.resolve(PENDING_ORDER);
    }

    Path pendingKey() {
        return archive.resolve(PENDING_KEY);
    }

    Path versioned(Part part, int version) {
        return archive.resolve(part.versioned(version));
    }

    Path versionFolder(int version) {
        return archive.resolve("v" + version);
    }

    Path metadata(int version) {
        return versionFolder(version).resolve(METADATA);
    }

    /** What {@code live/NAME} points at: relative, so the store can be moved or mounted elsewhere. */
    Path liveTarget(int version) {
        return Path.of("..", "archive", name.value(), "v" + version);
    }

    /** The version a version folder's name says, or 0 if it is not one. */
    static int versionOfFolder(Path folder) {
        Path fileName = folder.getFileName();
        Matcher matcher = VERSION_FOLDER.matcher(fileName == null ? "" : fileName.toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /**
     * One more than any version in the archive (files or folders), not the metadata's: a version
     * left there by a stopped run is never overwritten.
     */
    int nextVersion() throws IOException {
        if (!Files.isDirectory(archive)) {
            return 1;
        }
        int latest = 0;
        try (Stream<Path> entries = Files.list(archive)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher matcher = VERSIONED.matcher(entry.getFileName().toString());
                int version = matcher.matches() ? Integer.parseInt(matcher.group(1)) : versionOfFolder(entry);
                latest = Math.max(latest, version);
            }
        }
        return latest + 1;
    }
}
