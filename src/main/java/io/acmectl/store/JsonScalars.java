package io.acmectl.store;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Text, numbers, truth values and instants, with databind's lenience (a number given as text). */
final class JsonScalars {
    private JsonScalars() {}

    static Object read(JsonParser parser, Class<?> type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            throw new JsonParseException(parser, "expected a " + type.getSimpleName() + ", found " + token);
        }
        String text = parser.getText();
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class || type == Integer.class) {
                return token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : Integer.parseInt(text.trim());
            }
            if (type == long.class || type == Long.class) {
                return token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : Long.parseLong(text.trim());
            }
            if (type == boolean.class || type == Boolean.class) {
                return truth(parser, token, text);
            }
            if (type == Instant.class) {
                return instant(token, text);
            }
            if (type.isEnum()) {
                return enumConstant(parser, type, text);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new JsonParseException(parser, "not a " + type.getSimpleName() + ": '" + text + "'", e);
        }
        throw new IllegalStateException("a store document holds a " + type + ", which RecordReader cannot read");
    }

    private static Boolean truth(JsonParser parser, JsonToken token, String text) throws IOException {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if ("true".equals(text.trim()) || "false".equals(text.trim())) {
            return Boolean.valueOf(text.trim());
        }
        throw new JsonParseException(parser, "not true or false: '" + text + "'");
    }

    /** ISO-8601 text, or (as databind reads them) seconds since the epoch. */
    private static Instant instant(JsonToken token, String text) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        return isoInstant(text.trim());
    }

    /**
     * {@link Instant#parse}, quicker for the form the store writes ({@link Instant#toString}:
     * {@code 2026-12-01T23:01:53.894121436Z}, zero to nine digits of fraction): a run that finds nothing
     * due reads several per certificate, and the formatter's parse was a sixth of that run's reading.
     * Anything else (an offset, a leap second, a wrong date) is left to {@link Instant#parse}.
     */
    static Instant isoInstant(String text) {
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
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(text);
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, length > 20 ? fraction * (long) Math.pow(10, 30 - length) : 0);
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

    private static Object enumConstant(JsonParser parser, Class<?> type, String text) throws IOException {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(text)) {
                return constant;
            }
        }
        throw new JsonParseException(parser, "not a " + type.getSimpleName() + ": '" + text + "'");
    }
}
