package io.acmectl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a lineage back into the layout acmectl wrote before version folders (live/NAME a folder of
 * four links into the archive, switched one at a time), optionally torn the way a run stopped between
 * two of those links left it: what an existing store looks like on its first run of this version.
 */
public final class EarlierLayout {
    public static final List<String> PARTS = List.of("chain", "fullchain", "privkey", "cert");

    private EarlierLayout() {}

    /** The served version's links in a folder, and no version folder left in the archive. */
    public static void convert(Path store, String name) throws IOException {
        Path live = store.resolve("live").resolve(name);
        int version = servedVersion(store, name);
        Files.delete(live);
        Files.createDirectory(live, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (String part : PARTS) {
            Files.createSymbolicLink(live.resolve(part + ".pem"), link(name, part, version));
        }
        try (Stream<Path> entries = Files.list(store.resolve("archive").resolve(name))) {
            for (Path folder : entries.filter(p -> p.getFileName().toString().matches("v\\d+")).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(folder);
            }
        }
    }

    /** Points some of an earlier-layout folder's links at another version, as a stopped run left them. */
    public static void tear(Path store, String name, Map<String, Integer> versions) throws IOException {
        Path live = store.resolve("live").resolve(name);
        for (Map.Entry<String, Integer> entry : versions.entrySet()) {
            Path link = live.resolve(entry.getKey() + ".pem");
            Files.delete(link);
            Files.createSymbolicLink(link, link(name, entry.getKey(), entry.getValue()));
        }
    }

    /** The version whose certificate live/NAME/cert.pem is, in any layout. */
    public static int servedVersion(Path store, String name) throws IOException {
        String file = store.resolve("live").resolve(name).resolve("cert.pem").toRealPath().getFileName().toString();
        return Integer.parseInt(file.substring("cert".length(), file.length() - ".pem".length()));
    }

    private static Path link(String name, String part, int version) {
        return Path.of("..", "..", "archive", name, part + version + ".pem");
    }
}
