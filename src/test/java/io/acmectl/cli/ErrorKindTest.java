package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.acmectl.core.Failure;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorKindTest {
    @Test
    void everyFailureKindHasANameOfItsOwn() {
        Set<String> names = new HashSet<>();
        for (Class<?> kind : Failure.class.getPermittedSubclasses()) {
            String name = ErrorKind.KINDS.get(kind);
            assertNotEquals(null, name, kind + " has no JSON kind: add it to ErrorKind");
            assertNotEquals(ErrorKind.INTERNAL, name);
            names.add(name);
        }
        assertEquals(Failure.class.getPermittedSubclasses().length, names.size(), "two kinds share a name");
        assertEquals("bad-input", ErrorKind.of(new Failure.BadInput("x")));
        assertEquals(ErrorKind.INTERNAL, ErrorKind.of(new IllegalStateException("a bug")));
        assertEquals(70, ErrorKind.exitCode(new IllegalStateException("a bug")));
        assertEquals(3, ErrorKind.exitCode(new Failure.Locked("held")));
    }

    @Test
    void enumWordsAreCamelCase() {
        assertEquals("thirdOfLifetime", JsonShapes.word(io.acmectl.renewal.RenewalDecision.Basis.THIRD_OF_LIFETIME));
        assertEquals("alreadyRevoked", JsonShapes.word(io.acmectl.flow.RevokeFlow.Outcome.ALREADY_REVOKED));
        assertEquals("issued", JsonShapes.word(io.acmectl.flow.CertificateOutcome.Obtained.Kind.ISSUED));
    }
}
