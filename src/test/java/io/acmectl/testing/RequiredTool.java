package io.acmectl.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs tests run that are not part of the JDK (named, nsupdate, certbot, curl...). No test is
 * skipped without saying so: a missing one prints {@code !!! ...} on the console ({@link Loud}), then
 * aborts the test (JUnit reports it skipped) on a developer's machine, and fails it in CI (the {@code
 * CI} environment variable is set), where dev/install-deps.sh installs every one of them.
 */
public final class RequiredTool {
    /** Where Debian puts daemons (named), which a user's PATH often lacks. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    private RequiredTool() {}

    /** {@code executable} if it is an executable file; else the test is aborted, or fails in CI. */
    public static Path require(Path executable, String why, String debianPackage) {
        if (Files.isExecutable(executable)) {
            return executable;
        }
        return missing(executable.toString(), why, debianPackage);
    }

    /**
     * The first executable {@code name} on PATH, then in the sbin folders; else the test is aborted, or
     * fails in CI.
     */
    public static Path onPath(String name, String why, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(SBIN);
        return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable)
                .findFirst().orElseGet(() -> missing(name, why, debianPackage));
    }

    private static Path missing(String tool, String why, String debianPackage) {
        return unavailable(tool + " is not installed (apt-get install " + debianPackage
                + "; dev/install-deps.sh installs it): " + why);
    }

    /**
     * Something a test needs that installing would bring (a tool, a newer Pebble): loud in every case;
     * a failure in CI, an abort elsewhere. Never returns.
     */
    public static <T> T unavailable(String message) {
        if (System.getenv("CI") != null) {
            Loud.say("FAILED (CI is set, so nothing may be missing): " + message);
            return Assertions.fail(message);
        }
        Loud.say("SKIPPED: " + message);
        return Assumptions.abort(message);
    }
}
