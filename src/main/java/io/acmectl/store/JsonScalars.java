package io.acmectl.store;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.chrono.IsoChronology;

/** Text, numbers, truth values and instants, in the forms the store writes them. */
final class JsonScalars {
    /** What one unit of the last fraction digit is worth, by the number of digits less one. */
    private static final long[] NANOS_PER_DIGIT = {
        100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1};

    private JsonScalars() {}

    /**
     * The value, in exactly the form the store writes it; any other (a number as text, an instant as
     * seconds, a blank) is refused with an IOException, and {@link Documents} reads that document with
     * databind, as it always read hand-edited and older files.
     */
    static Object read(JsonParser parser, Class<?> type) throws IOException {
        JsonToken token = parser.currentToken();
        if (type == String.class && token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if ((type == int.class || type == Integer.class) && token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue(); // beyond an int: an IOException, as databind's
        }
        if ((type == long.class || type == Long.class) && token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if ((type == boolean.class || type == Boolean.class)
                && (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (type == Instant.class && token == JsonToken.VALUE_STRING) {
            Instant instant = plainInstant(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        throw new JsonParseException(parser, "not a " + type.getSimpleName() + " as acmectl writes it: " + token);
    }

    /**
     * {@link Instant#parse}'s reading of the form the store writes ({@link Instant#toString}, in UTC:
     * {@code 2026-12-01T23:01:53.894121436Z}, zero to nine digits of fraction), without the formatter: a
     * run that finds nothing due reads several per certificate, and the formatter's parse was a sixth of
     * that run's reading. Null for anything else. (Not YearMonth or Year for the month's length: their
     * classes set up a formatter when loaded, which a run that formats no date would load for them alone.)
     */
    static Instant plainInstant(String text) {
        int length = text.length();
        boolean plain = length >= 20 && length <= 30 && length != 21 && text.charAt(length - 1) == 'Z'
                && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && (length == 20 || text.charAt(19) == '.');
        int year = plain ? digits(text, 0, 4) : -1;
        int month = plain ? digits(text, 5, 7) : -1;
        int day = plain ? digits(text, 8, 10) : -1;
        int hour = plain ? digits(text, 11, 13) : -1;
        int minute = plain ? digits(text, 14, 16) : -1;
        int second = plain ? digits(text, 17, 19) : -1;
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (Math.min(Math.min(year, month), Math.min(day, fraction)) < 0 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(IsoChronology.INSTANCE.isLeapYear(year))) {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, length > 20 ? fraction * NANOS_PER_DIGIT[length - 22] : 0);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
