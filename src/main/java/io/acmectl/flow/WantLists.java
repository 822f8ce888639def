package io.acmectl.flow;

import io.acmectl.config.WantListLoader;
import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import io.acmectl.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds and loads the want list of a run. Parsing a large one costs more than the rest of a
 * renewal run that finds nothing due, so an unchanged file is read back from the store's cache of
 * its validated form.
 */
public final class WantLists {
    private final Store store;

    public WantLists(Store store) {
        this.store = store;
    }

    /**
     * {@code explicit} (from --want) or the store's want.yaml; null when neither names an existing
     * file and none is required. {@code defaultServer}: for entries that name no server.
     */
    public WantList load(Path explicit, boolean required, String defaultServer) {
        Path file = explicit != null ? explicit : store.root().resolve("want.yaml");
        if (!Files.isRegularFile(file)) {
            if (explicit == null && !Files.exists(file)) {
                if (required) {
                    throw new Failure.BadInput("no want list: create " + file + " or pass --want FILE");
                }
                return null;
            }
            return WantListLoader.load(file, defaultServer); // says what is wrong with it
        }
        String key;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            key = String.join("|", file.toAbsolutePath().toString(), Long.toString(attributes.size()),
                    attributes.lastModifiedTime().toString(), defaultServer,
                    String.valueOf(WantLists.class.getPackage().getImplementationVersion()));
        } catch (IOException e) {
            return WantListLoader.load(file, defaultServer);
        }
        store.open();
        AtomicBoolean loaded = new AtomicBoolean();
        WantList wantList = store.cachedWantList(key, () -> {
            loaded.set(true);
            return WantListLoader.load(file, defaultServer);
        });
        // An invalid entry may be wrong for more than the file (a webroot not made yet): checked afresh each run.
        return wantList.rejected().isEmpty() || loaded.get() ? wantList : WantListLoader.load(file, defaultServer);
    }
}
