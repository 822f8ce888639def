package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {
    @ParameterizedTest
    @CsvSource({
        "Example.COM, example.com",
        "www.example.com., www.example.com",
        "*.example.com, *.example.com",
        "bücher.example, xn--bcher-kva.example",
        "a-b.c-d.example, a-b.c-d.example"})
    void normalises(String input, String expected) {
        assertEquals(expected, DomainName.normalize(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "-lead.example.com", "trail-.example.com", "a..b.com", "a.*.example.com",
        "foo*.example.com", "under_score.example.com", "space here.example.com", "192.168.1.1", "example.com/path"})
    void refusesNaming(String input) {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> DomainName.normalize(input));
        assertTrue(e.getMessage().contains("'" + input + "'"), e.getMessage());
    }

    @Test
    void refusesALabelOver63AndANameOver253() {
        assertThrows(Failure.BadInput.class, () -> DomainName.normalize("a".repeat(64) + ".example.com"));
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThrows(Failure.BadInput.class, () -> DomainName.normalize(longName));
    }

    @Test
    void keepsFirstGivenOrderAndDropsRepeats() {
        assertEquals(List.of("b.example.com", "a.example.com"),
                DomainName.normalizeAll(List.of("B.example.com", "a.example.com", "b.example.com.")));
    }
}
