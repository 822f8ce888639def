package io.acmectl.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.cli.AcmectlCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * completions/ and man/ are committed, generated from picocli's model: they must say what the
 * commands are today (regenerate with dev/generate-docs.sh), and the completions must complete.
 */
class GeneratedDocsTest {
    private static final String REGENERATE = ": stale against the commands; run dev/generate-docs.sh and commit";

    @TempDir
    Path dir;

    @Test
    void theCommittedCompletionsAreThoseOfTheCommandsToday() throws IOException {
        for (Map.Entry<String, String> file : GeneratedDocs.completions().entrySet()) {
            Path committed = Path.of(file.getKey());
            assertTrue(Files.isRegularFile(committed), file.getKey() + " is missing" + REGENERATE);
            assertTrue(file.getValue().equals(Files.readString(committed)), file.getKey() + REGENERATE);
        }
    }

    @Test
    void theCommittedManPagesAreOnePerCommandMadeFromItsModelToday() throws IOException {
        Map<String, String> sources = GeneratedDocs.manPageSources();
        assertTrue(sources.containsKey("man/acmectl.1") && sources.containsKey("man/acmectl-renew.1")
                && sources.containsKey("man/acmectl-account-show.1"), sources.keySet().toString());
        try (Stream<Path> pages = Files.list(Path.of("man"))) {
            assertEquals(new TreeSet<>(sources.keySet()), pages.map(page -> "man/" + page.getFileName())
                    .collect(Collectors.toCollection(TreeSet::new)), "man/" + REGENERATE);
        }
        for (Map.Entry<String, String> page : sources.entrySet()) {
            String roff = Files.readString(Path.of(page.getKey()));
            assertTrue(roff.contains(GeneratedDocs.SOURCE_MARK + GeneratedDocs.digest(page.getValue()) + "\n"),
                    page.getKey() + REGENERATE);
            assertTrue(roff.contains(".TH \"ACMECTL"), page.getKey() + " is no man page");
        }
    }

    @Test
    void theHiddenCommandListsTheStoredCertificatesAndCreatesNothing() throws IOException {
        Path store = dir.resolve("store");
        Files.createDirectories(store.resolve("renewal"));
        for (String name : List.of("www.example.test", "api")) {
            Files.writeString(store.resolve("renewal/" + name + ".json"), "{}");
        }
        assertEquals("api\nwww.example.test\n", complete(store));
        Path none = dir.resolve("none");
        assertEquals("", complete(none));
        assertTrue(Files.notExists(none), "a TAB must not create a store");
    }

    @Test
    void bashCompletesCertificateNamesFromTheStoreTheCommandLineNames() throws Exception {
        // A stand-in acmectl that answers __complete only for the store it is given.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path stub = bin.resolve("acmectl");
        Files.writeString(stub, "#!/bin/sh\n[ \"$*\" = '--config-dir /srv/acme __complete cert-names' ] "
                + "&& printf 'api\\napi2\\nwww\\n'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(List.of("api", "api2"), bash(bin, "acmectl --config-dir /srv/acme renew --cert-name ap"));
        assertEquals(List.of("www"), bash(bin, "acmectl --config-dir=/srv/acme revoke --cert-name w"));
        assertEquals(List.of(), bash(bin, "acmectl renew --cert-name ap")); // another store: none of these
    }

    @Test
    void bashCompletesTheServerAliases() throws Exception {
        assertEquals(List.of("letsencrypt", "letsencrypt-staging"), bash(dir, "acmectl issue --server lets"));
        assertEquals(List.of("google", "google-staging"), bash(dir, "acmectl --server goo"));
    }

    /** COMPREPLY after TAB at the end of LINE, as bash's programmable completion sets it up. */
    private List<String> bash(Path path, String line) throws Exception {
        // compopt works only inside a completion bash runs itself: a no-op here.
        String script = "source completions/acmectl.bash; compopt() { :; }\n"
                + "COMP_LINE=$1; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                // bash splits --opt=value at '=' (COMP_WORDBREAKS); and a TAB after a space starts a new word
                + "COMP_WORDS=(\"${COMP_WORDS[@]//=/ = }\"); read -ra COMP_WORDS <<< \"${COMP_WORDS[*]}\"\n"
                + "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_POINT=${#COMP_LINE}\n"
                + "_complete_acmectl; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script, "bash", line).redirectErrorStream(true);
        builder.environment().put("PATH", path + ":/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output.lines().filter(word -> !word.isEmpty()).sorted().toList();
    }

    private static String complete(Path store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AcmectlCommand.run(new String[] {"--config-dir", store.toString(), "__complete", "cert-names"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
