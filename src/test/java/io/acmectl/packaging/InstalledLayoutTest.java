package io.acmectl.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher and make-cds-archive as the Debian package lays them out, in a root of the test's
 * making: {@code usr/bin/acmectl -> ../share/acmectl/bin/acmectl}, the jar in
 * {@code usr/share/acmectl/lib}, and {@code lib/acmectl.jsa} a link into {@code var/cache/acmectl},
 * where the postinst makes the archive. The jar is a stand-in that says which jar ran; dev/package-smoke.sh
 * does the same with the real package.
 */
class InstalledLayoutTest {
    @TempDir
    Path root;

    private Path lib;
    private Path jar;
    private Path usrBin;

    @BeforeEach
    void install() throws IOException {
        root = root.toRealPath();
        Path share = Files.createDirectories(root.resolve("usr/share/acmectl"));
        Path launcher = Files.createDirectories(share.resolve("bin")).resolve("acmectl");
        Files.copy(Path.of("bin/acmectl"), launcher);
        executable(launcher);
        lib = Files.createDirectories(share.resolve("lib"));
        jar = lib.resolve("acmectl.jar");
        io.acmectl.testing.StandInJar.write(jar, StandIn.class);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600))); // as unpacked from a .deb
        Files.copy(Path.of("packaging/make-cds-archive"), lib.resolve("make-cds-archive"));
        executable(lib.resolve("make-cds-archive"));
        Files.writeString(lib.resolve("classlist"), StandIn.class.getName().replace('.', '/') + "\n");
        Files.createSymbolicLink(lib.resolve("acmectl.jsa"), root.resolve("var/cache/acmectl/acmectl.jsa"));
        usrBin = Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("acmectl"), Path.of("../share/acmectl/bin/acmectl"));
    }

    @Test
    void theLinkInUsrBinRunsTheJarInLibWithoutAnArchiveYet() throws Exception {
        Result result = run(List.of(usrBin.resolve("acmectl").toString(), "--version"), Map.of());

        assertEquals(0, result.status(), result.output());
        assertEquals("ran " + jar + " with [--version]", result.output());
    }

    @Test
    void theArchiveMadeAtInstallTimeIsMappedInFromTheFirstRun() throws Exception {
        Files.createDirectories(root.resolve("var/cache/acmectl"));
        Result made = run(List.of(lib.resolve("make-cds-archive").toString(), lib.toString(),
                root.resolve("var/cache/acmectl/acmectl.jsa").toString()), Map.of());
        assertEquals(0, made.status(), made.output());
        assertTrue(Files.size(root.resolve("var/cache/acmectl/acmectl.jsa")) > 0);

        Result result = run(List.of(usrBin.resolve("acmectl").toString(), "certificates"),
                Map.of("ACMECTL_JAVA_OPTS", "-Xlog:class+load=info:stdout"));

        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains(StandIn.class.getName() + " source: shared objects file"), result.output());
        assertTrue(result.output().lines().anyMatch(("ran " + jar + " with [certificates]")::equals), result.output());
    }

    /** What the jar's main prints: which jar the launcher ran, and with what. */
    public static final class StandIn {
        public static void main(String[] args) {
            System.out.println("ran " + System.getProperty("java.class.path") + " with " + List.of(args));
        }
    }

    private record Result(int status, String output) {}

    /** Runs {@code command} with this JVM's java first on PATH; 60 s at most. */
    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        String java = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", java + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().remove("ACMECTL_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not end within 60 s");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
