package io.acmectl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.KeyType;
import java.io.IOException;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PemTest {
    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyTypeSurvivesAWriteAndReadWithItsPublicHalf(KeyType type) throws Exception {
        KeyPair written = type.generate();
        String pem = Pem.keyPair(written);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        KeyPair read = Pem.readKeyPair(pem, "test.pem");
        assertArrayEquals(written.getPrivate().getEncoded(), read.getPrivate().getEncoded());
        assertArrayEquals(written.getPublic().getEncoded(), read.getPublic().getEncoded());
        assertEquals(type, KeyType.of(read.getPublic()));
    }

    @Test
    void aTraditionalOpensslEcKeyIsReadWithItsPublicKey() throws Exception {
        // openssl ecparam -name prime256v1 -genkey -noout: SEC1 with curve and public key
        String sec1 = """
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIAQm/t2lDbsAOjWUSFx/4i1UyTCmjKVfOT2uq52Q/BedoAoGCCqGSM49
                AwEHoUQDQgAE8bS2foJX8LqZ3aqTv7YWJsBYaT4sgXgJ2EZK9nkfCT1G0+nTWE6r
                rDl0v49sUv6hJqdza6LfxSCKBJDiYuDBiQ==
                -----END EC PRIVATE KEY-----
                """;
        // openssl ec -pubout of the same key
        String publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8bS2foJX8LqZ3aqTv7YWJsBYaT4sgXgJ2EZK9nkfCT1G0+nTWE6r"
                + "rDl0v49sUv6hJqdza6LfxSCKBJDiYuDBiQ==";
        KeyPair pair = Pem.readKeyPair(sec1, "sec1.pem");
        assertEquals(publicKey, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        KeyPair again = Pem.readKeyPair(Pem.keyPair(pair), "pkcs8.pem");
        assertArrayEquals(pair.getPublic().getEncoded(), again.getPublic().getEncoded());
    }

    @Test
    void somethingElseIsRefusedNamingTheFile() {
        IOException e = assertThrows(IOException.class, () -> Pem.readKeyPair("garbage", "x.pem"));
        assertTrue(e.getMessage().contains("x.pem"), e.getMessage());
    }
}
