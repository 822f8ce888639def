package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.acmectl.core.WantList;
import io.acmectl.testing.RequiredTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-examples/ stays valid: each want list loads through the real loader with no
 * rejected entry, each shell script passes {@code sh -n}, the systemd drop-in has the shape systemd
 * reads, and the notify examples deliver a report (to a loopback HTTP server, to a stand-in sendmail).
 */
class ConfigExamplesTest {
    private static final Path EXAMPLES = Path.of("config-examples");
    private static final String REPORT = "{\"schemaVersion\":1,\"run\":{\"command\":\"renew\"}}";

    @TempDir
    Path dir;

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(EXAMPLES)) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<Path> wantLists() throws IOException {
        return files(".yaml");
    }

    static List<Path> scripts() throws IOException {
        return files(".sh");
    }

    @Test
    void thereIsSomethingToCheck() throws IOException {
        assertTrue(wantLists().contains(EXAMPLES.resolve("want.yaml")), wantLists()::toString);
        assertTrue(scripts().size() >= 4, scripts()::toString);
    }

    /** Webroots must exist to be accepted: the examples' /var/www/html becomes a folder of the test's. */
    @ParameterizedTest
    @MethodSource("wantLists")
    void everyWantListLoadsWithoutARejectedEntry(Path example) throws Exception {
        Path webroot = Files.createDirectories(dir.resolve("www"));
        Path copy = dir.resolve(example.getFileName());
        Files.writeString(copy, Files.readString(example).replace("/var/www/html", webroot.toString()));
        WantList list = WantListLoader.load(copy, "letsencrypt");
        assertEquals(List.of(), list.rejected(), example.toString());
        assertFalse(list.certificates().isEmpty(), example + " shows no certificate");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void everyScriptParsesIsExecutableAndSaysWhatRunsIt(Path script) throws Exception {
        Process check = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), script + ": " + output);
        assertTrue(Files.isExecutable(script), script + " is not executable");
        assertTrue(Files.readString(script).startsWith("#!/bin/sh\n# "), script + " starts with #!/bin/sh and a comment");
    }

    @Test
    void theSystemdDropInIsSectionsKeysAndComments() throws Exception {
        List<Path> dropIns = files(".conf");
        assertFalse(dropIns.isEmpty());
        for (Path dropIn : dropIns) {
            assertTrue(dropIn.getParent().getFileName().toString().endsWith(".service.d"), dropIn.toString());
            for (String line : Files.readAllLines(dropIn)) {
                assertTrue(line.isBlank() || line.startsWith("#") || line.matches("\\[[A-Z][A-Za-z]*]")
                        || line.matches("[A-Z][A-Za-z]*=\\S.*"), dropIn + ": " + line);
            }
        }
    }

    /**
     * systemd itself reads each drop-in, over a small unit of the same name: it warns about a key it
     * does not know (shown by a copy with one added), and about none of the example's.
     */
    @Test
    void systemdReadsTheDropInWithoutAWarning() throws Exception {
        RequiredTool.onPath("systemd-analyze", "the systemd drop-in examples are checked with it", "systemd");
        for (Path dropIn : files(".conf")) {
            String unit = dropIn.getParent().getFileName().toString().replaceFirst("\\.d$", "");
            Path units = Files.createDirectories(dir.resolve("units"));
            Files.writeString(units.resolve(unit), "[Unit]\nDescription=test\n[Service]\nType=oneshot\n"
                    + "ExecStart=/bin/true\nProtectSystem=strict\n");
            Path copy = Files.createDirectories(units.resolve(unit + ".d")).resolve(dropIn.getFileName());
            Files.copy(dropIn, copy, StandardCopyOption.REPLACE_EXISTING);
            assertFalse(verify(units, unit).contains(copy.toString()), () -> dropIn + ": " + verifyQuietly(units, unit));
            Files.writeString(copy, Files.readString(dropIn) + "NoSuchKey=1\n");
            assertTrue(verify(units, unit).contains(copy + ":"), "systemd did not read the drop-in");
        }
    }

    private static String verifyQuietly(Path units, String unit) {
        try {
            return verify(units, unit);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** What {@code systemd-analyze verify} says about the unit, with only {@code units} on its path. */
    private static String verify(Path units, String unit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("systemd-analyze", "verify", units.resolve(unit).toString())
                .redirectErrorStream(true);
        builder.environment().put("SYSTEMD_UNIT_PATH", units + ":");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
        return output;
    }

    @Test
    void theWebhookExamplePostsTheReportWithItsSummary() throws Exception {
        RequiredTool.onPath("curl", "the webhook notify example posts with it", "curl");
        Map<String, String> received = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/hook", exchange -> {
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.put("summary", String.valueOf(exchange.getRequestHeaders().getFirst("X-Acmectl-Summary")));
            received.put("type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Path config = Files.writeString(dir.resolve("webhook.curl"),
                    "url = \"http://127.0.0.1:" + server.getAddress().getPort() + "/hook\"\n");
            Process hook = run(EXAMPLES.resolve("notify/webhook.sh"), Map.of("ACMECTL_WEBHOOK_CONFIG",
                    config.toString(), "ACMECTL_NOTIFY_SUMMARY", "acmectl renew: 1 failed"));
            assertEquals(0, hook.exitValue(), new String(hook.getInputStream().readAllBytes()));
            assertEquals(REPORT, received.get("body"));
            assertEquals("acmectl renew: 1 failed", received.get("summary"));
            assertEquals("application/json", received.get("type"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theSendmailExampleMailsTheReportWithTheSummaryAsSubject() throws Exception {
        Path mail = dir.resolve("mail.txt");
        Path sendmail = Files.writeString(dir.resolve("sendmail"), "#!/bin/sh\necho \"$@\" > " + mail + ".args\ncat > "
                + mail + "\n");
        sendmail.toFile().setExecutable(true);
        Process hook = run(EXAMPLES.resolve("notify/sendmail.sh"), Map.of("SENDMAIL", sendmail.toString(),
                "ACMECTL_NOTIFY_TO", "ops@example.com", "ACMECTL_NOTIFY_SUMMARY", "acmectl renew: 1 failed"));
        assertEquals(0, hook.exitValue(), new String(hook.getInputStream().readAllBytes()));
        String text = Files.readString(mail);
        assertTrue(text.contains("\nTo: ops@example.com\n"), text);
        assertTrue(text.matches("(?s).*\nSubject: acmectl renew: 1 failed on \\S+\n.*"), text);
        assertTrue(text.endsWith(REPORT), text);
        assertEquals("-oi -t", Files.readString(Path.of(mail + ".args")).strip());
    }

    /** As acmectl runs a notify command: /bin/sh -c, the report on standard input. */
    private Process run(Path script, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(Files.writeString(dir.resolve("report.json"), REPORT).toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
        return process;
    }
}
