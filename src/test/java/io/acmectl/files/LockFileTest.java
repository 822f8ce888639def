package io.acmectl.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockIsRefusedAndFreeAgainOnceClosed() throws Exception {
        Path file = dir.resolve("locks/certificate-x.lock");
        try (LockFile held = LockFile.tryAcquire(file).orElseThrow()) {
            assertFalse(LockFile.tryAcquire(file).isPresent(), "a second holder must be refused");
        }
        Optional<LockFile> again = LockFile.tryAcquire(file);
        assertTrue(again.isPresent());
        again.get().close();
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefusedEvenWhenItsTargetIsMissing() throws Exception {
        Path victim = dir.resolve("victim");
        Path file = Files.createDirectories(dir.resolve("locks")).resolve("certificate-x.lock");
        Files.createSymbolicLink(file, victim);
        IOException refused = assertThrows(IOException.class, () -> LockFile.tryAcquire(file));
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        assertFalse(Files.exists(victim, LinkOption.NOFOLLOW_LINKS), "nothing may be created through the link");

        Files.writeString(victim, "someone's file");
        assertThrows(IOException.class, () -> LockFile.tryAcquire(file));
        assertEquals("someone's file", Files.readString(victim));
    }
}
