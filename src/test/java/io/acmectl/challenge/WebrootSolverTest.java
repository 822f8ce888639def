package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebrootSolverTest {
    private static final Http01Proof PROOF = new Http01Proof(Identifier.dns("example.com"), "tok-EN_1", "tok-EN_1.thumb");

    @TempDir
    Path dir;

    @Test
    void writesAWorldReadableAnswerAndRemovesIt() throws Exception {
        Path answer = dir.resolve(".well-known/acme-challenge/tok-EN_1");
        try (WebrootSolver solver = new WebrootSolver(dir)) {
            solver.present(PROOF);
            assertEquals("tok-EN_1.thumb", Files.readString(answer));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(answer)));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(answer.getParent())), "the web server must enter the folder");
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(answer.getParent().getParent())));
            try (var files = Files.list(answer.getParent())) {
                assertEquals(1, files.count(), "no temporary or probe file left behind");
            }

            solver.cleanUp(PROOF);
            assertFalse(Files.exists(answer));
            solver.cleanUp(PROOF); // a second clean-up is harmless
        }
    }

    @Test
    void aMissingWebrootIsBadInput() {
        Path missing = dir.resolve("nope");
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> new WebrootSolver(missing));
        assertEquals("webroot " + missing + " does not exist", failure.getMessage());
        assertFalse(Files.exists(missing), "nothing is created for a typo");
    }

    @Test
    void aFileIsNotAWebroot() throws Exception {
        Path file = Files.writeString(dir.resolve("index.html"), "hi");
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> new WebrootSolver(file));
        assertEquals("webroot " + file + " is not a folder", failure.getMessage());
    }

    @Test
    void anUnwritableWebrootIsBadInput() {
        // A folder nobody can create files in, root included (the tests run as root in CI).
        Path readOnly = Path.of("/proc/self");
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> new WebrootSolver(readOnly));
        assertTrue(failure.getMessage().startsWith("webroot " + readOnly + " is not writable: cannot write "),
                failure.getMessage());
    }

    @Test
    void aWebrootWhoseAnswerFolderCannotBeMadeIsBadInput() throws Exception {
        Files.writeString(dir.resolve(".well-known"), "a file in the way");
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> new WebrootSolver(dir));
        assertTrue(failure.getMessage().startsWith("webroot " + dir + " is not writable: cannot write "
                + dir.resolve(".well-known/acme-challenge")), failure.getMessage());
    }

    @Test
    void aFailedWriteIsAChallengeSetupFailure() throws Exception {
        try (WebrootSolver solver = new WebrootSolver(dir)) {
            // a folder where the answer should go: the rename onto it fails whoever runs the test
            Files.createDirectories(dir.resolve(".well-known/acme-challenge/tok-EN_1/x"));
            Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class, () -> solver.present(PROOF));
            assertTrue(failure.getMessage().startsWith("cannot write the http-01 answer for example.com to "),
                    failure.getMessage());
        }
    }
}
