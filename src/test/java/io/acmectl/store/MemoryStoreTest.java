package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Hooks;
import io.acmectl.core.KeyType;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContractTest {
    @Override
    Store newStore(Path root) {
        return new MemoryStore(root);
    }

    @Test
    void nothingIsWrittenAndTheLiveStateIsKept() throws Exception {
        MemoryStore memory = (MemoryStore) store;
        save(WWW, KeyType.EC256.generate());
        assertTrue(memory.lineages().isLive(WWW));
        memory.lineages().edit(WWW, editor -> {
            editor.removeLive();
            return null;
        });
        assertFalse(memory.lineages().isLive(WWW));
        assertFalse(Files.exists(store.root()));
    }

    @Test
    void theWantListIsLoadedAgainOnlyForANewKey() {
        AtomicInteger loads = new AtomicInteger();
        WantList wantList = new WantList(Path.of("/etc/want.yaml"), Hooks.NONE, List.of());
        store.cachedWantList("k1", () -> { loads.incrementAndGet(); return wantList; });
        store.cachedWantList("k1", () -> { loads.incrementAndGet(); return wantList; });
        assertEquals(1, loads.get());
        store.cachedWantList("k2", () -> { loads.incrementAndGet(); return wantList; });
        assertEquals(2, loads.get());
    }
}
