package io.acmectl.store;

import java.nio.file.Path;

class MemoryRequestLogsTest extends RequestLogsContractTest {
    @Override
    Store newStore(Path root) {
        return new MemoryStore(root);
    }
}
