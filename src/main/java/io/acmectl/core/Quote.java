package io.acmectl.core;

/**
 * How a message shows a value someone typed or a file held: quoted, with control characters
 * escaped (a newline must not split an error in two) and cut to a short prefix (a 1 MB value must
 * not be echoed whole). Every error that names a value goes through here.
 */
public final class Quote {
    /** How much of a value an error shows. */
    public static final int SHORT = 60;

    private Quote() {}

    /** {@code 'value'}, or {@code 'first 60 characters'... (N characters)} for a longer one. */
    public static String of(String value) {
        if (value == null) {
            return "(nothing)";
        }
        StringBuilder out = new StringBuilder("'");
        int end = append(out, value, SHORT);
        if (end >= value.length()) {
            return out.append('\'').toString();
        }
        return out.append("'... (").append(value.codePointCount(0, value.length())).append(" characters)").toString();
    }

    /** The text with control characters escaped, cut to {@code max} characters and "..." when longer. */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int end = append(out, text, max);
        return end >= text.length() ? out.toString() : out.append("...").toString();
    }

    /** The text with control characters escaped, whole: for a message already made of short parts. */
    public static String escape(String text) {
        return cut(text, Integer.MAX_VALUE);
    }

    /** Appends {@code text} escaped until {@code out} holds {@code max} characters; returns where it stopped. */
    private static int append(StringBuilder out, String text, int max) {
        int limit = max == Integer.MAX_VALUE ? Integer.MAX_VALUE : out.length() + max;
        int i = 0;
        while (i < text.length() && out.length() < limit) {
            int c = text.codePointAt(i);
            out.append(escaped(c));
            i += Character.charCount(c);
        }
        return i;
    }

    private static String escaped(int c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                int type = Character.getType(c);
                boolean invisible = Character.isISOControl(c) || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                        || type == Character.SURROGATE || type == Character.UNASSIGNED;
                return invisible ? String.format("\\u%04X", c) : new String(Character.toChars(c));
        }
    }
}
