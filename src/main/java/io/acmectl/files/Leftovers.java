package io.acmectl.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a stopped run leaves of {@link AtomicFiles}' work: temporary files and folders
 * ({@code .NAME.UUID.tmp}) and folders renamed aside to make room for a link ({@code .NAME.UUID.old}).
 * Only their owner may remove them, and only while it holds the lock under which they are written:
 * then no running process can still be writing one.
 */
public final class Leftovers {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern ANY_TEMPORARY = Pattern.compile("\\..+\\." + UUID_PATTERN + "\\.tmp");

    private Leftovers() {}

    static Path temporaryName(Path target) {
        return sibling(target, ".tmp");
    }

    static Path asideName(Path target) {
        return sibling(target, ".old");
    }

    private static Path sibling(Path target, String suffix) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + suffix);
    }

    /**
     * Puts back a folder that {@link AtomicFiles#symlink} moved aside when the run stopped before the
     * link took its place: true if it did (then {@code target} is as it was before that run).
     */
    public static boolean restoreAside(Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        List<Path> asides = matching(target, ".old");
        if (asides.isEmpty()) {
            return false;
        }
        AtomicFiles.move(asides.get(0), target);
        AtomicFiles.syncDirectory(target.toAbsolutePath().getParent());
        return true;
    }

    /**
     * Removes the temporary files and folders written for {@code target}, and the folders moved aside
     * for it once {@code target} is in place ({@link #restoreAside} first). Returns what it removed.
     */
    public static List<Path> removeFor(Path target) throws IOException {
        List<Path> removed = new ArrayList<>(matching(target, ".tmp"));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            removed.addAll(matching(target, ".old"));
        }
        for (Path leftover : removed) {
            deleteTree(leftover);
        }
        return removed;
    }

    /** Removes every temporary file and folder in {@code folder}, for a folder its caller alone writes. */
    public static List<Path> removeAllIn(Path folder) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> ANY_TEMPORARY.matcher(entry.getFileName().toString()).matches())) {
            entries.forEach(removed::add);
        }
        for (Path leftover : removed) {
            deleteTree(leftover);
        }
        return removed;
    }

    private static List<Path> matching(Path target, String suffix) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        Pattern pattern = Pattern.compile(Pattern.quote("." + absolute.getFileName() + ".") + UUID_PATTERN
                + Pattern.quote(suffix));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> pattern.matcher(entry.getFileName().toString()).matches())) {
            entries.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    /** Deletes a file, a link or a folder with everything in it, never following a link. */
    static void deleteTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // already gone
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
