package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's quick reading of instants must read exactly what {@link Instant#parse} reads. */
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
            assertEquals(Instant.parse(text), JsonScalars.isoInstant(text), text);
        }
    }

    @Test
    void everyLengthOfFractionAndTheFormsLeftToInstantParse() {
        for (String text : List.of("2026-12-01T23:01:53Z", "2026-12-01T23:01:53.5Z", "2026-12-01T23:01:53.12Z",
                "2026-12-01T23:01:53.123456789Z", "2026-12-01T23:01:53.0000001Z", "2024-02-29T00:00:00Z",
                "2026-12-01T23:01:53+01:00", "2026-12-01T23:59:60Z", "2026-12-01T24:00:00Z", "2026-12-01T23:01:53.Z", "+12026-12-01T23:01:53Z")) {
            assertEquals(Instant.parse(text), JsonScalars.isoInstant(text), text);
        }
    }

    @Test
    void whatInstantParseRefusesIsRefused() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-00T00:00:00Z",
                "2026-12-01T23:60:00Z", "2026-12-01T23:01:53",
                "2026-12-01 23:01:53Z", "2026-1a-01T23:01:53Z", "2026-12-01T23:01:53.1234567890Z", "")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> JsonScalars.isoInstant(text), text);
        }
    }
}
