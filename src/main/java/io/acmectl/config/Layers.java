package io.acmectl.config;

import io.acmectl.config.WantListYaml.Entry;
import java.util.function.Function;

/**
 * One certificate entry over the defaults, and where the entry stands ({@code /certificates/3});
 * the defaults alone are checked as an empty entry over them, at {@code /defaults}.
 */
record Layers(Entry own, Entry defaults, String base) {
    /** The entry's value, else the defaults', else {@code fallback}. */
    <T> T pick(Function<Entry, T> field, T fallback) {
        return first(field.apply(own), field.apply(defaults), fallback);
    }

    /** Where the value of {@code key} ({@code /server}) comes from: the entry's, else the defaults'. */
    String pointer(Function<Entry, ?> field, String key) {
        return (field.apply(own) != null ? base : "/defaults") + key;
    }

    /** The defaults alone, not a certificate. */
    boolean isDefaults() {
        return own == Entry.EMPTY;
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
