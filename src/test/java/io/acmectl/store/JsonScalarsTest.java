package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's quick reading of its own instants must read exactly what {@link Instant#parse} reads. */
class JsonScalarsTest {
    @Test
    void instantsAsTheStoreWritesThemReadAsInstantParseReadsThem() {
        Random random = new Random(8555);
        for (int i = 0; i < 5_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), JsonScalars.plainInstant(text), text);
        }
        for (String text : List.of("2026-12-01T23:01:53Z", "2026-12-01T23:01:53.5Z", "2026-12-01T23:01:53.12Z",
                "2026-12-01T23:01:53.123456789Z", "2026-12-01T23:01:53.0000001Z", "2024-02-29T00:00:00Z")) {
            assertEquals(Instant.parse(text), JsonScalars.plainInstant(text), text);
        }
    }

    @Test
    void everyOtherFormIsLeftToTheLenientReader() {
        for (String text : List.of("2026-12-01T23:01:53+01:00", "2026-12-01T23:59:60Z", "2026-12-01T24:00:00Z",
                "2026-12-01T23:01:53.Z", "+12026-12-01T23:01:53Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-12-00T00:00:00Z", "2026-12-01T23:60:00Z", "2026-12-01T23:01:53", "2026-12-01 23:01:53Z",
                "2026-1a-01T23:01:53Z", "2026-12-01T23:01:53.1234567890Z", "", " 2026-12-01T23:01:53Z")) {
            assertNull(JsonScalars.plainInstant(text), text);
        }
    }

    @Test
    void noPlainFormIsOneInstantParseRefuses() {
        // The plain branch is a subset of what Instant.parse reads: a mutated instant it takes, Instant.parse takes.
        Random random = new Random(8738);
        char[] alphabet = "0123456789-:TZ.+".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            char[] text = "2026-12-01T23:01:53.894Z".toCharArray();
            text[random.nextInt(text.length)] = alphabet[random.nextInt(alphabet.length)];
            String mutated = new String(text);
            Instant plain = JsonScalars.plainInstant(mutated);
            if (plain != null) {
                try {
                    assertEquals(Instant.parse(mutated), plain, mutated);
                } catch (DateTimeParseException e) {
                    throw new AssertionError(mutated + " is read as plain but Instant.parse refuses it", e);
                }
            }
        }
    }
}
