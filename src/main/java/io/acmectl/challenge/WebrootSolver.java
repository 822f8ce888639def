package io.acmectl.challenge;

import io.acmectl.core.Failure;
import io.acmectl.files.Folders;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import io.acmectl.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * http-01 through a web server that is already running: the answer is a file under
 * {@code WEBROOT/.well-known/acme-challenge/}, readable by the web server, removed afterwards.
 */
public final class WebrootSolver extends Http01Solver {
    // World-readable on purpose: the web server's user must read the answers.
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path webroot;
    private final Path challengeFolder;

    /** Checks the webroot now, so a typo fails before an order is placed; checks no answer before the CA. */
    public WebrootSolver(Path webroot) {
        this(webroot, PreflightChecks.DEFAULT.withSelfCheck(false));
    }

    /** As {@link #WebrootSolver(Path)}, with each answer checked before the CA as {@code checks} say. */
    public WebrootSolver(Path webroot, PreflightChecks checks) {
        super(checks);
        this.webroot = Folders.existing(webroot.toAbsolutePath().toString(), "webroot");
        this.challengeFolder = this.webroot.resolve(".well-known").resolve("acme-challenge");
        try {
            createReadable(challengeFolder.getParent());
            createReadable(challengeFolder);
            Path probe = Files.createTempFile(challengeFolder, ".acmectl-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new Failure.BadInput("webroot " + this.webroot + " is not writable: cannot write "
                    + challengeFolder + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Creates a folder the web server can enter; the mode is set again after creating, since the
     * umask (077 on hardened hosts) narrows it. A folder that exists keeps the mode its owner gave it.
     */
    private static void createReadable(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            Files.setPosixFilePermissions(folder, FOLDER);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
    }

    /** Written whole through a rename, so the web server never serves half an answer. */
    @Override
    void publish(Identifier identifier, String token, String keyAuthorization) {
        Path file = challengeFolder.resolve(token);
        try {
            AtomicFiles.write(file, keyAuthorization.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup("cannot write the http-01 answer for " + identifier.value() + " to "
                    + file + ": " + e.getMessage(), e);
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
    String served() {
        return "webroot " + webroot;
    }

    @Override
    public void close() {
        // nothing held between challenges
    }
}
