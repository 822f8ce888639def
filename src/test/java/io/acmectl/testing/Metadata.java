package io.acmectl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/** A certificate's stored metadata ({@code renewal/NAME.json}) as a tree, for assertions. */
public final class Metadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Metadata() {}

    public static JsonNode of(Path store, String name) throws Exception {
        return JSON.readTree(store.resolve("renewal").resolve(name + ".json").toFile());
    }

    public static Path file(Path store, String name) {
        return store.resolve("renewal").resolve(name + ".json");
    }
}
