package io.acmectl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The account folders a store holds for a server, as tests need to look at them. */
public final class Accounts {
    private Accounts() {}

    /** {@code serverId} as the store names it ({@code localhost_14000}); hidden pending folders left out. */
    public static List<Path> in(Path store, String serverId) throws Exception {
        Path folder = store.resolve("accounts").resolve(serverId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** The only account of the server; fails the test when there is none or more than one. */
    public static Path only(Path store, String serverId) throws Exception {
        List<Path> accounts = in(store, serverId);
        if (accounts.size() != 1) {
            throw new AssertionError("expected one account for " + serverId + ", found " + accounts);
        }
        return accounts.get(0);
    }

    public static String serverId(PebbleServer pebble) {
        return "localhost_" + pebble.directory().getPort();
    }
}
