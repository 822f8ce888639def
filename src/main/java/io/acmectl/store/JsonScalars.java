package io.acmectl.store;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
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
        return Instant.parse(text.trim());
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
