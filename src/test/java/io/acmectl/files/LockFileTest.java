package io.acmectl.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
