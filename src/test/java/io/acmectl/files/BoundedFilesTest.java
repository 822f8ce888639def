package io.acmectl.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmectl.core.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileUpToItsLimit() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, BoundedFiles.readBytes(file, 3, "thing"));
        assertEquals("thing " + file + " is larger than 2 bytes: that is not a thing acmectl reads",
                assertThrows(Failure.BadInput.class, () -> BoundedFiles.readBytes(file, 2, "thing")).getMessage());
    }

    /** A file whose size the system does not tell (/proc) is still cut at the limit. */
    @Test
    void aFileThatDoesNotTellItsSizeIsCutAtTheLimit() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class,
                () -> BoundedFiles.readBytes(Path.of("/proc/self/maps"), 10, "map"));
        assertEquals("map /proc/self/maps is larger than 10 bytes: that is not a map acmectl reads", e.getMessage());
    }

    @Test
    void devicesFoldersAndLoopsAreRefusedInOneLine() throws Exception {
        assertEquals("bundle /dev/zero is not a regular file (a device, a pipe or a socket): name a file",
                assertThrows(Failure.BadInput.class, () -> BoundedFiles.readBytes(Path.of("/dev/zero"), 10, "bundle"))
                        .getMessage());
        assertEquals("cannot read bundle " + dir + ": is a directory",
                assertThrows(Failure.BadInput.class, () -> BoundedFiles.readBytes(dir, 10, "bundle")).getMessage());
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        assertEquals("cannot read bundle " + loop + ": too many levels of symbolic links",
                assertThrows(Failure.BadInput.class, () -> BoundedFiles.readBytes(loop, 10, "bundle")).getMessage());
    }

    @Test
    void textMustBeUtf8AndSaysWhereItIsNot() throws Exception {
        Path good = Files.writeString(dir.resolve("good"), "\uFEFFbücher\n");
        assertEquals("bücher\n", BoundedFiles.readString(good, 100, "list"));
        Path bad = Files.write(dir.resolve("bad"), "a\nbc\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(bad + ":2:3: list is not UTF-8 text (byte 0xff at byte offset 4): save it as UTF-8",
                assertThrows(Failure.BadInput.class, () -> BoundedFiles.readString(bad, 100, "list")).getMessage());
    }

    @Test
    void aPathWithANewlineStaysOnOneLine() {
        assertEquals("/tmp/a\\nb", BoundedFiles.shown(Path.of("/tmp/a\nb")));
    }

    @Test
    void reasonsAreTheSystemsWordsNotThePath() {
        assertEquals("no such file or directory", IoReasons.of(new NoSuchFileException("/x")));
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/x")));
        assertEquals("not a directory", IoReasons.of(new FileSystemException("/x/y", null, "Not a directory")));
        assertEquals("is a directory", IoReasons.of(new IOException("Is a directory")));
        assertEquals("too many levels of symbolic links", IoReasons.of(new FileSystemException("/l", null,
                "Too many levels of symbolic links or unable to access attributes of symbolic link")));
    }

    @Test
    void aWritableFolderAndAReadableKeyAreRefusedWithTheFix() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals("config directory " + dir + " is writable by its group or by other users (mode rwxrwxr-x): run "
                + "'chmod go-w " + dir + "'", assertThrows(Failure.BadInput.class,
                        () -> Permissions.checkPrivateDirectory(dir, "config directory")).getMessage());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Permissions.checkPrivateDirectory(dir, "config directory");
        Permissions.checkPrivateDirectory(dir.resolve("not-yet"), "config directory");

        Path key = Files.writeString(dir.resolve("key.pem"), "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals("key file " + key + " is writable by its group or by other users (mode rw-rw----): run "
                + "'chmod 600 " + key + "'", assertThrows(Failure.BadInput.class,
                        () -> Permissions.checkPrivateFile(key, "key file")).getMessage());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        Permissions.checkPrivateFile(key, "key file");
    }
}
