package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * acmectl as its own process, where logs really go to the process's stderr: under --json stdout holds
 * the one document even at -vv, and --log-file gets the run's log (info and up; debug with -vv).
 */
class LogAndJsonProcessTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().env("PEBBLE_VA_ALWAYS_VALID", "1").build();

    @TempDir
    Path store;

    @TempDir
    Path webroot;

    private Cli.Result acmectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.acmectl.Main", "--no-self-check"));
        command.addAll(PEBBLE.options(store));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(store, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "acmectl did not finish");
        return new Cli.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    @Test
    void jsonStaysAloneOnStdoutAtFullVerbosityAndTheLogFileGetsTheLog() throws Exception {
        Path log = store.resolve("logs/acmectl.log");
        Cli.Result issue = acmectl("-vv", "--json", "--log-file", log.toString(), "issue", "log.example.test",
                "--webroot", webroot.toString(), "--agree-tos");
        assertEquals(0, issue.exitCode(), issue::toString);
        assertEquals("issued", JsonOutputTest.document(issue).at("/certificates/0/outcome").asText());
        assertTrue(issue.err().contains("DEBUG"), issue::toString);
        assertTrue(issue.err().contains("POST " + PEBBLE.directory().resolve("/")), "acme4j's exchanges: " + issue);
        String logged = Files.readString(log);
        assertTrue(logged.contains("log.example.test: waiting for validation"), logged);
        assertTrue(logged.contains(" DEBUG "), logged);
        assertFalse(logged.contains("Payload"), logged);

        Cli.Result renew = acmectl("--json", "--log-file", log.toString(), "renew", "--all", "--force");
        assertEquals(0, renew.exitCode(), renew::toString);
        JsonNode renewed = JsonOutputTest.document(renew);
        assertEquals("renewed", renewed.at("/certificates/0/outcome").asText());
        assertEquals("", renew.err(), "without -v stderr keeps quiet; the file gets the info lines");
        List<String> lines = Files.readAllLines(log);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d) \\[\\d+\\] INFO  RunProgress: "
                + "\\[1/1\\] log\\.example\\.test: renewed: valid until .*"), last);
    }

    @Test
    void aRunWithNothingToLogOpensNoFile() throws Exception {
        Path log = store.resolve("nothing.log");
        Cli.Result servers = acmectl("--log-file", log.toString(), "servers");
        assertEquals(0, servers.exitCode(), servers::toString);
        assertFalse(Files.exists(log), "opened at its first line only");
    }
}
