package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuoteTest {
    @Test
    void aShortValueIsQuotedWhole() {
        assertEquals("'example.com'", Quote.of("example.com"));
        assertEquals("''", Quote.of(""));
        assertEquals("(nothing)", Quote.of(null));
    }

    @Test
    void controlAndInvisibleCharactersAreEscapedSoAMessageStaysOneLine() {
        assertEquals("'a\\nb\\r\\tc\\u0000\\u202E\\u2028'", Quote.of("a\nb\r\tc\u0000\u202E\u2028"));
        assertEquals("bücher ☃", Quote.escape("bücher ☃"));
    }

    @Test
    void aLongValueIsCutToSixtyCharactersAndItsLengthSaid() {
        assertEquals("'" + "x".repeat(60) + "'", Quote.of("x".repeat(60)));
        assertEquals("'" + "x".repeat(60) + "'... (1000000 characters)", Quote.of("x".repeat(1_000_000)));
        assertEquals("abc...", Quote.cut("abcdef", 3));
        assertEquals("abc", Quote.cut("abc", 3));
    }
}
