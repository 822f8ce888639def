package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.files.LockFile;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** issue --all and renew against a Pebble without ARI (Debian 12's): the lifetime rule, hooks, locks. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class RenewEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    Path hookLog;

    @BeforeEach
    void paths() {
        hookLog = store.resolve("hooks.log");
    }

    private List<String> options() {
        return Stream.concat(PEBBLE.options(store).stream(), Stream.of("--want", store.resolve("want.yaml").toString()))
                .toList();
    }

    private Cli.Result acmectl(String... args) {
        return Cli.run(options(), args);
    }

    private Cli.Result acmectlAt(Instant now, String... args) {
        return Cli.run(Clock.fixed(now, ZoneOffset.UTC), options(), args);
    }

    /** A want list whose hooks append what they were given to hooks.log. */
    private void want(String deployHook, String... names) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                defaults:
                  agree-tos: true
                  challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                  hooks:
                    pre: ["echo pre >> LOG"]
                    post: ["echo post renewed=[$RENEWED_DOMAINS] failed=[$FAILED_DOMAINS] >> LOG"]
                    deploy: ["DEPLOY"]
                certificates:
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())).replace("LOG", hookLog.toString())
                .replace("DEPLOY", deployHook.replace("LOG", hookLog.toString())));
        for (String name : names) {
            yaml.append("  - name: ").append(name).append("\n    domains: [www.").append(name).append("]\n");
        }
        Files.writeString(store.resolve("want.yaml"), yaml);
    }

    private static final String RECORDING_DEPLOY =
            "echo deploy $ACMECTL_CERT_NAME [$ACMECTL_DOMAINS] $RENEWED_LINEAGE $ACMECTL_FULLCHAIN_PATH >> LOG";

    private List<String> hookLines() throws Exception {
        return Files.exists(hookLog) ? Files.readAllLines(hookLog) : List.of();
    }

    private int version(String name) throws Exception {
        return Metadata.of(store, name).get("version").asInt();
    }

    @Test
    void theWantListIsIssuedThenNothingIsDueThenForceRenewsAll() throws Exception {
        want(RECORDING_DEPLOY, "a.example.test", "b.example.test", "c.example.test");
        Cli.Result issued = acmectl("issue", "--all");
        assertEquals(0, issued.exitCode(), issued::toString);
        assertTrue(issued.out().contains("issued 3, renewed 0, not due 0, failed 0, skipped (locked) 0"), issued::toString);
        List<String> hooks = hookLines();
        assertEquals("pre", hooks.get(0), hooks::toString);
        assertEquals(5, hooks.size(), hooks::toString);
        for (String domain : List.of("www.a.example.test", "a.example.test", "b.example.test", "c.example.test")) {
            assertTrue(hooks.get(4).matches("post renewed=\\[.*\\b" + domain.replace(".", "\\.") + "\\b.*] failed=\\[]"),
                    hooks::toString); // parallel orders finish in any order
        }
        Path live = store.resolve("live/b.example.test");
        assertTrue(hooks.contains("deploy b.example.test [www.b.example.test b.example.test] " + live + " "
                + live.resolve("fullchain.pem")), hooks::toString);

        // -v: without a terminal, only certificates something happened to get a line
        Cli.Result nothing = acmectl("-v", "renew", "--all", "--no-random-sleep");
        assertEquals(0, nothing.exitCode(), nothing::toString);
        assertTrue(nothing.out().contains("issued 0, renewed 0, not due 3, failed 0"), nothing::toString);
        assertTrue(nothing.out().contains("a third of the lifetime left"), nothing::toString);
        assertEquals(5, hookLines().size(), "no order, no hook");
        assertEquals(1, version("a.example.test"));

        Cli.Result again = acmectl("issue", "--all");
        assertTrue(again.out().contains("issued 0, renewed 0, not due 3"), again::toString);

        Cli.Result forced = acmectl("renew", "--all", "--force", "--no-random-sleep");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertTrue(forced.out().contains("renewed 3"), forced::toString);
        for (String name : List.of("a.example.test", "b.example.test", "c.example.test")) {
            assertEquals(2, version(name), name);
            assertEquals(store.resolve("archive/" + name + "/cert2.pem").toRealPath(),
                    store.resolve("live/" + name + "/cert.pem").toRealPath());
        }
    }

    @Test
    void theLifetimeRuleRenewsWhenAThirdIsLeft() throws Exception {
        want(RECORDING_DEPLOY, "old.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        // Pebble 2.4.0 issues for five years: a third is left after three years and four months.
        Instant threeYears = Instant.now().plus(Duration.ofDays(3 * 365));
        Cli.Result early = acmectlAt(threeYears, "renew", "--all", "--no-random-sleep");
        assertTrue(early.out().contains("not due 1"), early::toString);
        assertEquals(1, version("old.example.test"));

        Cli.Result list = acmectlAt(threeYears, "certificates");
        assertTrue(list.out().contains("old.example.test"), list::toString);
        assertTrue(list.out().contains("(a third of the lifetime left)"), list::toString);

        Cli.Result late = acmectlAt(Instant.now().plus(Duration.ofDays(4 * 365)), "renew", "--all",
                "--no-random-sleep");
        assertEquals(0, late.exitCode(), late::toString);
        assertTrue(late.out().contains("renewed 1"), late::toString);
        assertEquals(2, version("old.example.test"));
    }

    @Test
    void aFailingDeployHookIsReportedAndTheCertificateStaysInstalled() throws Exception {
        want("echo broken >&2; exit 7", "hook.example.test");
        Cli.Result result = acmectl("issue", "--all");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("deploy hook 'echo broken >&2; exit 7' exited with 7: broken"), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
        assertTrue(Files.isRegularFile(store.resolve("live/hook.example.test/fullchain.pem")));
    }

    @Test
    void aDryRunStoresNothingAndRunsNoDeployHook() throws Exception {
        want(RECORDING_DEPLOY, "dry.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        String before = Files.readString(Metadata.file(store, "dry.example.test"));
        int hooksBefore = (int) hookLines().stream().filter(l -> l.startsWith("deploy")).count();

        Cli.Result dry = acmectl("renew", "--all", "--force", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("dry run: would be valid until"), dry::toString);
        assertEquals(before, Files.readString(Metadata.file(store, "dry.example.test")));
        assertFalse(Files.exists(store.resolve("archive/dry.example.test/cert2.pem")));
        assertEquals(hooksBefore, hookLines().stream().filter(l -> l.startsWith("deploy")).count());
    }

    @Test
    void aLockedCertificateIsSkippedAndSaidSo() throws Exception {
        want(RECORDING_DEPLOY, "busy.example.test", "free.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        try (LockFile held = LockFile.tryAcquire(store.resolve("locks/certificate-busy.example.test.lock"))
                .orElseThrow()) {
            Cli.Result result = acmectl("renew", "--all", "--force", "--no-random-sleep");
            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.out().contains("renewed 1, not due 0, failed 0, skipped (locked) 1"), result::toString);
            assertTrue(result.out().contains("busy.example.test        skipped (locked)"), result::toString);
        }
        assertEquals(1, version("busy.example.test"));
        assertEquals(2, version("free.example.test"));
    }

    @Test
    void aRunWithNothingDueAnswersFromWhatTheRunBeforeFoundUntilTheLineageChanges() throws Exception {
        want(RECORDING_DEPLOY, "kept.example.test", "changed.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        Cli.Result looked = acmectl("renew", "--all", "--no-random-sleep");
        assertTrue(looked.out().contains("not due 2"), looked::toString);
        assertTrue(Files.isRegularFile(store.resolve("cache/not-due.json")));
        // This Pebble has no ARI: acmectl asks again in a day, so what the run found holds until then.
        Cli.Result renewed = acmectl("renew", "--cert-name", "changed.example.test", "--force");
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        try (LockFile kept = LockFile.tryAcquire(store.resolve("locks/certificate-kept.example.test.lock"))
                .orElseThrow();
                LockFile changed = LockFile.tryAcquire(store.resolve("locks/certificate-changed.example.test.lock"))
                        .orElseThrow()) {
            // kept.example.test is answered for without its lock; changed.example.test was written since, so the
            // run looks at it, and finds it locked.
            Cli.Result result = acmectl("-v", "renew", "--all", "--no-random-sleep");
            assertTrue(result.out().contains("not due 1, failed 0, skipped (locked) 1"), result::toString);
            assertTrue(result.out().contains("a third of the lifetime left"), result::toString);
        }
        Cli.Result later = acmectlAt(Instant.now().plus(Duration.ofDays(4 * 365)), "renew", "--all",
                "--no-random-sleep");
        assertTrue(later.out().contains("renewed 2"), "what was found is not recalled after it fell due: " + later);
    }

    @Test
    void aMalformedWantListStopsBeforeAnythingIsContacted() throws Exception {
        Files.writeString(store.resolve("want.yaml"), "certificates:\n  - name: x\n    domain: [x.example.test]\n");
        Cli.Result result = acmectl("issue", "--all");
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("acmectl: error: " + store.resolve("want.yaml") + ":3:5: unknown key 'domain'",
                result.err().lines().findFirst().orElse("").replaceAll(" \\(known here.*", ""));
        assertFalse(Files.exists(store.resolve("accounts")));
    }

    @Test
    void twoRunsStartedTogetherRenewEachCertificateExactlyOnce() throws Exception {
        List<String> names = List.of("p1.example.test", "p2.example.test", "p3.example.test", "p4.example.test");
        want(RECORDING_DEPLOY, names.toArray(String[]::new));
        assertEquals(0, acmectl("issue", "--all").exitCode());
        // Make every certificate look old: valid for another day of a 91-day life.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (String name : names) {
            Path file = Metadata.file(store, name);
            Files.writeString(file, Files.readString(file)
                    .replaceAll("\"not-before\" : \"[^\"]*\"", "\"not-before\" : \"" + now.minus(Duration.ofDays(90)) + "\"")
                    .replaceAll("\"not-after\" : \"[^\"]*\"", "\"not-after\" : \"" + now.plus(Duration.ofDays(1)) + "\""));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.acmectl.Main"));
        command.addAll(options());
        command.addAll(List.of("renew", "--all", "--no-random-sleep", "--parallel", "2"));
        Process first = new ProcessBuilder(command).redirectErrorStream(true).start();
        Process second = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out1 = new String(first.getInputStream().readAllBytes());
        String out2 = new String(second.getInputStream().readAllBytes());
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));
        String both = out1 + "\n" + out2;
        assertTrue(List.of(0, 3).contains(first.exitValue()) && List.of(0, 3).contains(second.exitValue()), both);
        for (String name : names) {
            assertEquals(2, version(name), () -> name + " must be renewed once:\n" + both);
            assertFalse(Files.exists(store.resolve("archive/" + name + "/cert3.pem")), both);
        }
        long renewed = both.lines().filter(l -> l.contains(" renewed ")).filter(l -> !l.startsWith("issued")).count();
        assertEquals(names.size(), renewed, both);
    }
}
