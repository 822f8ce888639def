package io.acmectl.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsWrittenWithMode0600InNewFoldersOf0700AndLeavesNoTemporaryFile() throws Exception {
        Path key = dir.resolve("a/b/key.pem");
        AtomicFiles.write(key, "secret".getBytes(StandardCharsets.US_ASCII), AtomicFiles.SECRET);
        assertEquals("secret", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
        try (Stream<Path> files = Files.list(dir.resolve("a/b"))) {
            assertEquals(List.of(key), files.toList());
        }
    }

    @Test
    void aWriteReplacesTheWholeFile() throws Exception {
        Path file = dir.resolve("cert.pem");
        AtomicFiles.write(file, "a much longer first version".getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
        AtomicFiles.write(file, "v2".getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
        assertEquals("v2", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aSymlinkIsSwitchedToItsNewTarget() throws Exception {
        Path link = dir.resolve("live/cert.pem");
        AtomicFiles.symlink(link, Path.of("../archive/cert1.pem"));
        AtomicFiles.symlink(link, Path.of("../archive/cert2.pem"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("../archive/cert2.pem"), Files.readSymbolicLink(link));
        try (Stream<Path> files = Files.list(dir.resolve("live"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFolderAppearsWholeWithItsModesAndLinks() throws Exception {
        Path folder = dir.resolve("archive/v1");
        AtomicFiles.writeFolder(folder, List.of(
                FolderEntry.file("privkey.pem", "key".getBytes(StandardCharsets.US_ASCII), AtomicFiles.SECRET),
                FolderEntry.link("cert.pem", Path.of("../cert1.pem"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve("privkey.pem"))));
        assertEquals(Path.of("../cert1.pem"), Files.readSymbolicLink(folder.resolve("cert.pem")));
        try (Stream<Path> files = Files.list(dir.resolve("archive"))) {
            assertEquals(List.of(folder), files.toList(), "no temporary folder left");
        }
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeFolder(folder, List.of()));
    }

    @Test
    void aRealFolderIsReplacedByALinkAndNothingIsLeftAside() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live/www"));
        Files.createSymbolicLink(live.resolve("cert.pem"), Path.of("../../archive/cert1.pem"));
        Files.createDirectories(dir.resolve("archive/v1"));
        AtomicFiles.symlink(live, Path.of("../archive/v1"));
        assertEquals(Path.of("../archive/v1"), Files.readSymbolicLink(live));
        try (Stream<Path> files = Files.list(dir.resolve("live"))) {
            assertEquals(List.of(live), files.toList());
        }
    }

    @Test
    void leftoversAreFoundByTheNameTheyWereWrittenForAndAFolderAsideIsPutBack() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path target = live.resolve("www");
        Path aside = Files.createDirectory(live.resolve(".www." + UUID.randomUUID() + ".old"));
        Files.writeString(aside.resolve("cert.pem"), "the earlier folder's");
        Path temp = Files.createSymbolicLink(live.resolve(".www." + UUID.randomUUID() + ".tmp"), Path.of("v2"));
        Path another = Files.writeString(live.resolve(".www2." + UUID.randomUUID() + ".tmp"), "not ours");

        assertTrue(Leftovers.restoreAside(target));
        assertEquals("the earlier folder's", Files.readString(target.resolve("cert.pem")));
        assertFalse(Leftovers.restoreAside(target), "only when the target is missing");
        assertEquals(List.of(temp), Leftovers.removeFor(target));
        assertTrue(Files.exists(another));
        assertEquals(List.of(another), Leftovers.removeAllIn(live));
        try (Stream<Path> files = Files.list(live)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
