package io.acmectl.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The one place that writes files acmectl keeps (the store, lock files). A reader (nginx, a second
 * acmectl) sees either the old file or the new one, never half of one, and a crash leaves at worst a
 * stray temporary file, named {@code .NAME.UUID.tmp} beside the file it was for ({@link Leftovers}
 * finds and removes them).
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
        Path temp = Leftovers.temporaryName(target);
        try {
            createFile(temp, content, permissions);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(folder);
    }

    /**
     * Writes a whole folder that must not exist yet: its entries go into a temporary folder (0700),
     * each file fsynced, then the folder, which is renamed into place. A reader sees no folder, or
     * all of it; a crash leaves at worst the temporary folder.
     */
    public static void writeFolder(Path target, List<FolderEntry> entries) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        ensureDirectory(parent);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = Leftovers.temporaryName(target);
        try {
            Files.createDirectory(temp, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            Files.setPosixFilePermissions(temp, PRIVATE_DIR);
            for (FolderEntry entry : entries) {
                if (entry.isLink()) {
                    Files.createSymbolicLink(temp.resolve(entry.name()), entry.linkTarget());
                } else {
                    createFile(temp.resolve(entry.name()), entry.content(), entry.permissions());
                }
            }
            syncDirectory(temp);
            move(temp, target);
        } finally {
            if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                Leftovers.deleteTree(temp);
            }
        }
        syncDirectory(parent);
    }

    /**
     * Points {@code link} at {@code target}, replacing an existing link in one rename. An existing
     * real folder there (what certbot's layout has at {@code live/NAME}) cannot be renamed over: it
     * is renamed aside first, so for the few microseconds between the two renames {@code link} does
     * not exist. A crash in between leaves the folder aside, which {@link Leftovers#restoreAside} puts back.
     */
    public static void symlink(Path link, Path target) throws IOException {
        Path folder = link.toAbsolutePath().getParent();
        ensureDirectory(folder);
        Path temp = Leftovers.temporaryName(link);
        Path aside = null;
        try {
            Files.createSymbolicLink(temp, target);
            if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
                aside = Leftovers.asideName(link);
                move(link, aside);
            }
            move(temp, link);
        } catch (IOException e) {
            if (aside != null && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    move(aside, link); // the folder back where it was: the switch did not happen
                } catch (IOException back) {
                    e.addSuppressed(back); // then the next edit's repair puts it back
                }
            }
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(folder);
        if (aside != null) {
            CrashPoint.before("removing " + aside);
            Leftovers.deleteTree(aside);
            syncDirectory(folder);
        }
    }

    /** Removes a file or a link (never what a link points at), and makes the removal durable. */
    public static void remove(Path path) throws IOException {
        CrashPoint.before("removing " + path);
        if (Files.deleteIfExists(path)) {
            syncDirectory(path.toAbsolutePath().getParent());
        }
    }

    /**
     * Removes a folder and everything in it (links are removed, never followed), and makes the removal
     * durable; nothing there is nothing to do. A crash half-way leaves part of the folder.
     */
    public static void removeTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        CrashPoint.before("removing " + folder);
        Leftovers.deleteTree(folder);
        syncDirectory(folder.toAbsolutePath().getParent());
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

    /** Created with its final mode, so a secret is never readable by others, not even briefly. */
    private static void createFile(Path file, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.setPosixFilePermissions(file, permissions); // the umask may have narrowed it
    }

    static void move(Path from, Path to) throws IOException {
        CrashPoint.before("renaming " + from + " to " + to);
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's file system cannot rename atomically: " + to, e);
        }
    }

    static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to fsync a directory; the rename is still atomic there.
        }
    }
}
