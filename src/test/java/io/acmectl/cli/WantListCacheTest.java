package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validated want list is kept in the store's cache, and never outlives a change to the file. */
class WantListCacheTest {
    @TempDir
    Path store;

    private Cli.Result issueAll() throws Exception {
        // A CA where nothing listens: each certificate fails, and the run names every one it tried.
        return Cli.run(List.of("--config-dir", store.toString(), "--server",
                "https://127.0.0.1:" + PebbleServer.freePort() + "/dir"), "issue", "--all");
    }

    private void want(String... names) throws Exception {
        StringBuilder yaml = new StringBuilder("defaults:\n  challenge: { webroot: " + store + " }\ncertificates:\n");
        for (String name : names) {
            yaml.append("  - name: ").append(name).append("\n    domains: [").append(name).append("]\n");
        }
        Files.writeString(store.resolve("want.yaml"), yaml);
    }

    @Test
    void anEditedWantListIsReadAgainAndADamagedCacheIsIgnored() throws Exception {
        want("first.example.test");
        Cli.Result first = issueAll();
        assertTrue(first.out().contains("first.example.test "), first::toString);
        Path cache = store.resolve("cache/want-list.json");
        assertTrue(Files.readString(cache).contains("first.example.test"));

        want("first.example.test", "second.example.test");
        Cli.Result second = issueAll();
        assertTrue(second.out().contains("second.example.test "), second::toString);
        assertTrue(Files.readString(cache).contains("second.example.test"));

        Files.writeString(cache, "{ not json");
        Cli.Result third = issueAll();
        assertTrue(third.out().contains("second.example.test "), third::toString);

        Files.writeString(store.resolve("want.yaml"), "certificates:\n  - name: x\n    domainz: [x.example.test]\n");
        Cli.Result broken = issueAll();
        assertEquals(2, broken.exitCode(), broken::toString);
        assertFalse(broken.out().contains("second.example.test"), broken::toString);
    }
}
