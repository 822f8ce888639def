package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person at a terminal sees progress lines on stderr and every certificate's line; a run nobody
 * watches (cron) sees neither the progress nor the certificates nothing happened to. The terminal is
 * claimed through {@link AcmectlCommand#run(String[], PrintStream, PrintStream, Clock, boolean)}.
 */
class TerminalOutputTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().env("PEBBLE_VA_ALWAYS_VALID", "1").build();

    @TempDir
    Path store;

    @TempDir
    Path webroot;

    private Cli.Result acmectl(boolean terminal, String... args) {
        List<String> all = new ArrayList<>(PEBBLE.options(store));
        all.add("--no-self-check");
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = AcmectlCommand.run(all.toArray(String[]::new), o, e, Clock.systemUTC(), terminal);
        }
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void progressLinesOnlyOnATerminal() throws Exception {
        Cli.Result single = acmectl(true, "issue", "one.progress.test", "--webroot", webroot.toString(), "--agree-tos");
        assertEquals(0, single.exitCode(), single::toString);
        assertTrue(single.err().contains("one.progress.test: ordering\n"), single::toString);
        assertTrue(single.err().contains("one.progress.test: waiting for validation\n"), single::toString);
        assertTrue(single.err().contains("one.progress.test: finalizing\n"), single::toString);
        assertTrue(single.err().indexOf(": ordering") < single.err().indexOf(": waiting for validation")
                && single.err().indexOf(": waiting for validation") < single.err().indexOf(": finalizing"),
                single::toString);
        assertEquals(0, acmectl(false, "issue", "two.progress.test", "--webroot", webroot.toString()).exitCode());

        Cli.Result watched = acmectl(true, "renew", "--all", "--force");
        assertEquals(0, watched.exitCode(), watched::toString);
        // the store lists its certificates by name: one.progress.test is the first of two. (Pebble reuses the
        // account's valid authorizations: a renewal has nothing to validate.)
        assertTrue(watched.err().contains("[1/2] one.progress.test: ordering\n"), watched::toString);
        assertTrue(watched.err().contains("[2/2] two.progress.test: finalizing\n"), watched::toString);
        assertTrue(watched.err().contains("[2/2] two.progress.test: renewed: valid until "), watched::toString);

        Cli.Result unwatched = acmectl(false, "renew", "--all", "--force");
        assertEquals(0, unwatched.exitCode(), unwatched::toString);
        assertEquals("", unwatched.err(), unwatched::toString);
        assertTrue(unwatched.out().contains("issued 0, renewed 2,"), unwatched::toString);

        Cli.Result quiet = acmectl(true, "-q", "renew", "--all", "--force");
        assertEquals("", quiet.out() + quiet.err(), "quiet means no progress either");
    }

    @Test
    void unwatchedRunsPrintOnlyWhatHappenedAndTheSummary() throws Exception {
        assertEquals(0, acmectl(false, "issue", "a.quiet.test", "--webroot", webroot.toString(), "--agree-tos")
                .exitCode());
        Cli.Result cron = acmectl(false, "renew", "--all", "--no-random-sleep");
        assertEquals(0, cron.exitCode(), cron::toString);
        assertEquals("issued 0, renewed 0, not due 1, failed 0, skipped (locked) 0\n", cron.out(), cron::toString);
        assertEquals("", cron.err(), cron::toString);

        Cli.Result person = acmectl(true, "renew", "--all", "--no-random-sleep");
        assertTrue(person.out().matches("(?s)a\\.quiet\\.test +not due +due .*\\(a third of the lifetime left\\)\n"
                + "issued 0, renewed 0, not due 1.*"), person::toString);
        assertFalse(person.err().contains("a.quiet.test"), "no progress for what is not ordered: " + person);
        Cli.Result verbose = acmectl(false, "-v", "renew", "--all", "--no-random-sleep");
        assertTrue(verbose.out().contains("a.quiet.test             not due"), verbose::toString);
    }
}
