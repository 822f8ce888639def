package io.acmectl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.testing.BadKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilesTest {
    @TempDir
    Path dir;

    private Path key(String kind, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(kind + ".pem"), BadKeys.pem(kind));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec256", "p384", "rsa-traditional", "certificate-then-key"})
    void anAcceptedKeyIsRead(String kind) throws Exception {
        KeyPair pair = KeyFiles.read(key(kind, "rw-------"));
        assertTrue(KeyType.of(pair.getPublic()) != null);
    }

    /** Group read is how Debian's ssl-cert group shares keys: allowed. Others are not. */
    @Test
    void aGroupReadableKeyIsReadAndAWorldReadableOneRefusedWithTheFix() throws Exception {
        KeyFiles.read(key("ec256", "rw-r-----"));
        Path open = key("world-readable", "rw-r--r--");
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> KeyFiles.read(open));
        assertEquals("key file " + open + " is readable by other users (mode rw-r--r--): run 'chmod 600 " + open + "'",
                e.getMessage());
    }

    /** Each refusal says what the file holds and what is accepted instead. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        garbage               | is neither a PEM private key nor a JWK
        encrypted-pkcs8       | holds an encrypted private key: acmectl reads unencrypted keys only
        encrypted-traditional | holds an encrypted private key: acmectl reads unencrypted keys only
        rsa1024               | holds a 1024-bit RSA key, which is too small: acmectl takes EC keys on P-256 or P-384 and RSA
        secp256k1             | holds an EC key on curve secp256k1, which ACME does not accept: acmectl takes EC keys
        p521                  | holds an EC key on curve P-521, which ACME does not accept
        ed25519               | holds an Ed25519 key, which ACME does not accept
        dsa-traditional       | holds a DSA key, which ACME does not accept
        certificate           | holds a certificate, not a private key
        public                | holds a public key, not a private key
        jwk-public            | is a JWK without a private key (kty EC)
        huge                  | is larger than 1 MiB
        """)
    void aKeyThatCannotBeUsedIsNamed(String kind, String message) throws Exception {
        Path file = key(kind, "rw-------");
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> KeyFiles.read(file));
        assertTrue(e.getMessage().startsWith("key file " + file + " ") && e.getMessage().contains(message),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aBinaryDerKeyGetsTheCommandThatConvertsIt() throws Exception {
        Path der = Files.write(dir.resolve("key.der"), KeyType.EC256.generate().getPrivate().getEncoded());
        Files.setPosixFilePermissions(der, PosixFilePermissions.fromString("rw-------"));
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> KeyFiles.read(der));
        assertTrue(e.getMessage().contains("openssl pkey -inform DER"), e.getMessage());
    }

    @Test
    void aFileThatIsNoFileSaysWhy() {
        assertEquals("cannot read key file " + dir.resolve("none.pem") + ": no such file or directory",
                assertThrows(Failure.BadInput.class, () -> KeyFiles.read(dir.resolve("none.pem"))).getMessage());
        assertEquals("cannot read key file " + dir + ": is a directory",
                assertThrows(Failure.BadInput.class, () -> KeyFiles.read(dir)).getMessage());
        assertEquals("key file /dev/zero is not a regular file (a device, a pipe or a socket): name a file",
                assertThrows(Failure.BadInput.class, () -> KeyFiles.read(Path.of("/dev/zero"))).getMessage());
    }
}
