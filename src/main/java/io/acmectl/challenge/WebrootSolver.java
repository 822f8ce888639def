package io.acmectl.challenge;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.shredzone.acme4j.Identifier;

/**
 * http-01 through a web server that is already running: the answer is a file under
 * {@code WEBROOT/.well-known/acme-challenge/}, readable by the web server, removed afterwards.
 */
public final class WebrootSolver extends Http01Solver {
    private final Path webroot;
    private final Path challengeFolder;

    /** Checks the webroot now, so a typo fails before an order is placed. */
    public WebrootSolver(Path webroot) {
        this.webroot = webroot.toAbsolutePath();
        this.challengeFolder = this.webroot.resolve(".well-known").resolve("acme-challenge");
        if (!Files.exists(this.webroot)) {
            throw new AcmectlException(ExitCode.USAGE, "webroot " + this.webroot + " does not exist");
        }
        if (!Files.isDirectory(this.webroot)) {
            throw new AcmectlException(ExitCode.USAGE, "webroot " + this.webroot + " is not a folder");
        }
        try {
            // World-readable on purpose: the web server's user must read the answers.
            Files.createDirectories(challengeFolder,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path probe = Files.createTempFile(challengeFolder, ".acmectl-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new AcmectlException(ExitCode.USAGE, "webroot " + this.webroot + " is not writable: cannot write "
                    + challengeFolder + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    void publish(Identifier identifier, String token, String keyAuthorization) {
        Path file = challengeFolder.resolve(token);
        try {
            Files.writeString(file, keyAuthorization, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new AcmectlException(ExitCode.CHALLENGE_SETUP, "cannot write the http-01 answer for "
                    + identifier.getValue() + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    void withdraw(String token) {
        try {
            Files.deleteIfExists(challengeFolder.resolve(token));
        } catch (IOException e) {
            // A stale answer file is harmless: its token is never valid again.
        }
    }

    @Override
    public void close() {
        // nothing held between challenges
    }
}
