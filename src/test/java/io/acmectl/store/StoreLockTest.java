package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {
    @TempDir
    Path dir;

    @Test
    void aHeldLockIsRefusedAndFreeAgainOnceClosed() throws Exception {
        Path file = dir.resolve("locks/certificate-x.lock");
        try (StoreLock held = StoreLock.tryAcquire(file).orElseThrow()) {
            assertFalse(StoreLock.tryAcquire(file).isPresent(), "a second holder must be refused");
        }
        Optional<StoreLock> again = StoreLock.tryAcquire(file);
        assertTrue(again.isPresent());
        again.get().close();
    }
}
