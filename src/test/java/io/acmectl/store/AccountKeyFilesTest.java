package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.KeyType;
import io.acmectl.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion of the staged key completed from wherever a stopped run left it: the key the CA has
 * ends in account.key and the one before it in account.key.old, never overwritten by the new one.
 */
class AccountKeyFilesTest {
    private static final KeyPair OLD = KeyType.EC256.generate();
    private static final KeyPair NEW = KeyType.EC384.generate();

    @TempDir
    Path folder;

    private void write(String file, KeyPair key) throws Exception {
        AccountKeyFiles.write(folder.resolve(file), key);
    }

    private KeyPair read(String file) throws Exception {
        return Pem.readKeyPair(Files.readString(folder.resolve(file)), file);
    }

    private void assertPromoted() throws Exception {
        assertTrue(TestChains.sameKey(NEW, read("account.key")), "account.key");
        assertTrue(TestChains.sameKey(OLD, read("account.key.old")), "account.key.old");
        assertFalse(Files.exists(folder.resolve("account.key.next")));
        assertTrue(AccountKeyFiles.staged(folder).isEmpty());
        for (String file : new String[] {"account.key", "account.key.old"}) {
            Path written = folder.resolve(file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)), file);
        }
    }

    @Test
    void aWholePromotion() throws Exception {
        write("account.key", OLD);
        AccountKeyFiles.stage(folder, NEW);
        assertTrue(TestChains.sameKey(NEW, AccountKeyFiles.staged(folder).orElseThrow()));
        AccountKeyFiles.promote(folder);
        assertPromoted();
    }

    @Test
    void aPromotionStoppedAfterTheBackupIsCompleted() throws Exception {
        write("account.key", OLD);
        write("account.key.old", OLD);
        write("account.key.next", NEW);
        AccountKeyFiles.promote(folder);
        assertPromoted();
    }

    @Test
    void aPromotionStoppedBeforeItsLastStepKeepsTheOldKeyAsTheBackup() throws Exception {
        write("account.key", NEW);
        write("account.key.old", OLD);
        write("account.key.next", NEW);
        AccountKeyFiles.promote(folder);
        assertPromoted();
    }

    @Test
    void aDroppedKeyIsGoneAndDroppingNothingIsNoError() throws Exception {
        write("account.key", OLD);
        AccountKeyFiles.stage(folder, NEW);
        AccountKeyFiles.drop(folder);
        AccountKeyFiles.drop(folder);
        assertTrue(AccountKeyFiles.staged(folder).isEmpty());
        assertTrue(TestChains.sameKey(OLD, AccountKeyFiles.key(folder)));
    }
}
