package io.acmectl.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
}
