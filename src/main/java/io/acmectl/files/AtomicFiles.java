package io.acmectl.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * The one place that writes files acmectl keeps (the store, lock files). A reader (nginx, a second acmectl) sees either the old
 * file or the new one, never half of one, and a crash leaves at worst a stray temporary file.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {}

    /** Writes through a temporary file in the same folder: create, fsync, rename, fsync the folder. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        ensureDirectory(folder);
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // Created with its final mode, so a secret is never readable by others, not even briefly.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, permissions); // the umask may have narrowed it
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(folder);
    }

    /** Points {@code link} at {@code target}, replacing an existing link in one rename. */
    public static void symlink(Path link, Path target) throws IOException {
        Path folder = link.toAbsolutePath().getParent();
        ensureDirectory(folder);
        Path temp = folder.resolve("." + link.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(temp, target);
            move(temp, link);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(folder);
    }

    /** Creates the folder and any missing parents as 0700; an existing folder keeps its mode. */
    public static void ensureDirectory(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            ensureDirectory(parent);
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            Files.setPosixFilePermissions(folder, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's file system cannot rename atomically: " + to, e);
        }
    }

    private static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to fsync a directory; the rename is still atomic there.
        }
    }
}
