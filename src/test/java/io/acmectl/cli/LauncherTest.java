package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/acmectl} reached through links, as the README's "link it into your PATH" does (issue
 * 13). The launcher under test is the checkout's own, copied into an install tree of the test's
 * making, {@code opt/acmectl/{bin/acmectl,target/acmectl.jar}}; the jar is a stand-in that prints
 * which jar ran. That is all the launcher decides, and it needs no {@code package} before the test.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path home;
    private Path jar;

    @BeforeEach
    void install() throws IOException {
        home = Files.createDirectories(dir.resolve("opt/acmectl")).toRealPath();
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("acmectl");
        Files.copy(Path.of("bin/acmectl"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.createDirectories(home.resolve("target")).resolve("acmectl.jar");
        io.acmectl.testing.StandInJar.write(jar, StandIn.class);
    }

    @Test
    void aLinkInThePathRunsTheJarBesideTheLinkedLauncher() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr/local/bin"));
        Files.createSymbolicLink(bin.resolve("acmectl"), home.resolve("bin/acmectl"));

        // Found through PATH, as a user types it: the shell passes the link's own path as $0.
        Result result = run(List.of("/bin/sh", "-c", "acmectl --version"), bin.toString());

        assertEquals(0, result.status(), result.output());
        assertEquals("ran " + jar + " with [--version]", result.output());
    }

    @Test
    void relativeLinksAndLinksToLinksAreFollowed() throws Exception {
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("acmectl"), Path.of("../../opt/acmectl/bin/acmectl"));
        Path homeBin = Files.createDirectories(dir.resolve("home/ops/bin"));
        Files.createSymbolicLink(homeBin.resolve("acme"), Path.of("../../../usr/bin/acmectl"));

        for (Path link : List.of(usrBin.resolve("acmectl"), homeBin.resolve("acme"))) {
            Result result = run(List.of(link.toString(), "certificates"), null);
            assertEquals("ran " + jar + " with [certificates]", result.output(), link.toString());
        }
    }

    @Test
    void withoutReadlinkTheLinksAreFollowedOneByOne() throws Exception {
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("acmectl"), Path.of("../../opt/acmectl/bin/acmectl"));
        Path homeBin = Files.createDirectories(dir.resolve("home/ops/bin"));
        Files.createSymbolicLink(homeBin.resolve("acme"), usrBin.resolve("acmectl"));
        // A readlink that knows no -f, as on systems without GNU or busybox coreutils.
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Files.writeString(stubs.resolve("readlink"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(stubs.resolve("readlink"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run(List.of(homeBin.resolve("acme").toString(), "--version"), stubs.toString());

        assertEquals("ran " + jar + " with [--version]", result.output());
    }

    @Test
    void aMissingJarIsNamedWhereTheLinkedLauncherLooksForIt() throws Exception {
        Files.delete(jar);
        Path bin = Files.createDirectories(dir.resolve("usr/local/bin"));
        Files.createSymbolicLink(bin.resolve("acmectl"), home.resolve("bin/acmectl"));

        Result result = run(List.of(bin.resolve("acmectl").toString(), "--version"), null);

        assertEquals(70, result.status());
        assertEquals("acmectl: " + jar + " is missing; build it first with ./mvnw -DskipTests package",
                result.output());
    }

    @Test
    void aDiagnosticJvmOptionOfTheUserWorksWithTheArchiveAndWithoutAndAnUnusableArchiveSaysNothing()
            throws Exception {
        Path archive = jar.resolveSibling("acmectl.jsa");
        Files.writeString(archive, "not an archive: made by another Java, say");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 2000)); // newer than the jar: the launcher passes it
        String launcher = home.resolve("bin/acmectl").toString();
        for (Map<String, String> env : List.of(Map.of("ACMECTL_JAVA_OPTS", "-XX:ArchiveRelocationMode=1"),
                Map.of("ACMECTL_JAVA_OPTS", "-XX:ArchiveRelocationMode=1", "ACMECTL_CDS", "off"))) {
            Result result = run(List.of(launcher, "--version"), null, env);
            assertEquals(0, result.status(), env + ": " + result.output());
            assertEquals("ran " + jar + " with [--version]", result.output(), env.toString());
        }
    }

    /** What the jar's main prints: which jar the launcher ran, and with what. */
    public static final class StandIn {
        public static void main(String[] args) {
            System.out.println("ran " + System.getProperty("java.class.path") + " with " + List.of(args));
        }
    }

    private record Result(int status, String output) {}

    /** Runs {@code command} with {@code pathFirst} (if any) and then this JVM's java first on PATH; 30 s at most. */
    private Result run(List<String> command, String pathFirst) throws IOException, InterruptedException {
        return run(command, pathFirst, Map.of());
    }

    private Result run(List<String> command, String pathFirst, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        String java = Path.of(System.getProperty("java.home"), "bin").toString();
        String path = java + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        builder.environment().put("PATH", pathFirst == null ? path : pathFirst + ":" + path);
        builder.environment().remove("ACMECTL_JAVA_OPTS");
        builder.environment().remove("ACMECTL_CDS");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher did not end within 30 s");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
