package io.acmectl.files;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file a user names (a want list, a key, a CA bundle) with a size limit: {@code /dev/zero},
 * a pipe or a 2 GB file must end in one line, not in an OutOfMemoryError. Every refusal is a
 * {@link Failure.BadInput} that names the file; {@code what} says what it was meant to be
 * ("want list", "key file", "--ca-bundle").
 */
public final class BoundedFiles {
    public static final long MIB = 1L << 20;
    private static final int MAX_PATH = 200;

    private BoundedFiles() {}

    /** The bytes of a regular file of at most {@code max} bytes. */
    public static byte[] readBytes(Path file, long max, String what) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw cannotRead(file, what, e);
        }
        if (attributes.isDirectory()) {
            throw new Failure.BadInput("cannot read " + what + " " + shown(file) + ": is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new Failure.BadInput(what + " " + shown(file) + " is not a regular file (a device, a pipe or a "
                    + "socket): name a file");
        }
        if (attributes.size() > max) {
            throw tooLarge(file, what, max);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(file, what, max); // it grew while we read it, or its size was not told (/proc)
            }
            return bytes;
        } catch (IOException e) {
            throw cannotRead(file, what, e);
        }
    }

    /** The text of a UTF-8 file of at most {@code max} bytes, without a byte order mark. */
    public static String readString(Path file, long max, String what) {
        byte[] bytes = readBytes(file, max, what);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(file, what, bytes, in.position(), out.flip());
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Where the first byte that is not UTF-8 stands, by line and column of the text before it. */
    private static Failure.BadInput notUtf8(Path file, String what, byte[] bytes, int offset, CharSequence before) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.length() - lineStart + 1;
        return new Failure.BadInput(shown(file) + ":" + line + ":" + column + ": " + what + " is not UTF-8 text "
                + String.format("(byte 0x%02x at byte offset %d): save it as UTF-8", bytes[offset] & 0xff, offset));
    }

    private static Failure.BadInput cannotRead(Path file, String what, IOException e) {
        return new Failure.BadInput("cannot read " + what + " " + shown(file) + ": " + IoReasons.of(e), e);
    }

    private static Failure.BadInput tooLarge(Path file, String what, long max) {
        String limit = max % MIB == 0 ? max / MIB + " MiB" : max + " bytes";
        return new Failure.BadInput(what + " " + shown(file) + " is larger than " + limit + ": that is not a "
                + what + " acmectl reads");
    }

    /** A path in a message: whole, but on one line and not endless. */
    public static String shown(Path file) {
        return Quote.cut(String.valueOf(file), MAX_PATH);
    }
}
