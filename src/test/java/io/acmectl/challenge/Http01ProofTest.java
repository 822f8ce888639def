package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import org.junit.jupiter.api.Test;

class Http01ProofTest {
    private static final Identifier NAME = Identifier.dns("example.com");

    @Test
    void aTokenThatCouldNameAnotherFileIsRefused() {
        for (String token : new String[] {"../etc/passwd", "..", "a/b", "a b", "", "tok%2e"}) {
            assertThrows(Failure.CaRefused.class, () -> new Http01Proof(NAME, token, "ka"), token);
        }
        assertThrows(Failure.CaRefused.class, () -> new Http01Proof(NAME, null, "ka"));
    }

    @Test
    void aBase64urlTokenIsAccepted() {
        assertEquals("Ab-9_z", new Http01Proof(NAME, "Ab-9_z", "ka").token());
    }
}
