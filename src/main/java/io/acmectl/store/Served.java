package io.acmectl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code live/NAME} serves now, read without the lock. {@code version} is 0 when nothing is
 * served. In the earlier layout ({@link Layout#FOLDER}: a folder of four links, switched one at a
 * time) a stopped run can leave the links naming different versions ({@code torn}); then
 * {@code version} is the newest of them whose four files are all in the archive, the set a repair
 * makes live.
 */
record Served(Layout layout, int version, boolean torn, Map<Part, Integer> links) {
    enum Layout {
        /** Nothing at {@code live/NAME}: never issued, or taken out by {@code revoke --delete}. */
        NONE,
        /** A link to a version folder {@code archive/NAME/vN}. */
        LINK,
        /** certbot's folder of four links, as earlier versions of acmectl wrote it. */
        FOLDER,
        /** Something no acmectl made (a link elsewhere, a file): left alone. */
        OTHER
    }

    static Served of(LineagePaths paths) throws IOException {
        Path live = paths.live;
        if (Files.isSymbolicLink(live)) {
            int version = LineagePaths.versionOfFolder(Files.readSymbolicLink(live));
            return new Served(version > 0 ? Layout.LINK : Layout.OTHER, version, false, Map.of());
        }
        if (Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
            return folder(paths);
        }
        return new Served(Files.exists(live, LinkOption.NOFOLLOW_LINKS) ? Layout.OTHER : Layout.NONE, 0, false,
                Map.of());
    }

    private static Served folder(LineagePaths paths) throws IOException {
        Map<Part, Integer> links = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            links.put(part, linkedVersion(paths.live.resolve(part.fileName()), part));
        }
        TreeSet<Integer> versions = new TreeSet<>(links.values());
        if (versions.size() == 1 && versions.first() > 0) {
            return new Served(Layout.FOLDER, versions.first(), false, links);
        }
        int complete = versions.descendingSet().stream().filter(v -> v > 0 && complete(paths, v)).findFirst()
                .orElse(0);
        return new Served(Layout.FOLDER, complete, true, links);
    }

    private static int linkedVersion(Path link, Part part) throws IOException {
        try {
            Path fileName = Files.readSymbolicLink(link).getFileName();
            return fileName == null ? 0 : part.versionOf(fileName.toString());
        } catch (NotLinkException | java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    private static boolean complete(LineagePaths paths, int version) {
        for (Part part : Part.values()) {
            if (!Files.isRegularFile(paths.versioned(part, version))) {
                return false;
            }
        }
        return true;
    }

    boolean isLink() {
        return layout == Layout.LINK;
    }

    boolean isFolder() {
        return layout == Layout.FOLDER;
    }

    boolean servesNothing() {
        return version == 0;
    }
}
