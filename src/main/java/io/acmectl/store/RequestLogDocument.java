package io.acmectl.store;

import io.acmectl.core.RequestLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server's request log file as a {@link FileRequestLogs} last read or wrote it. A batch updates
 * the log twice per order, and the log holds a week of certificates: parsing and writing the whole
 * document each time was a quarter of a forced renewal's CPU in a store that ordered 2,000 certificates
 * that week. So the file is parsed again only when its bytes are not those this copy knows (another
 * run wrote it), and each entry is encoded once and kept: a write joins the entries' bytes. The
 * document is the one {@link RequestLogRecord} describes, each entry indented as the store writes records.
 * Immutable: a change makes a new one.
 */
final class RequestLogDocument {
    private static final byte[] HEAD = "{\"requests\":[\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BETWEEN = ",\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\n]}\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final RequestLog log;
    private final Map<RequestLog.Entry, byte[]> encoded;

    private RequestLogDocument(byte[] bytes, RequestLog log, Map<RequestLog.Entry, byte[]> encoded) {
        this.bytes = bytes;
        this.log = log;
        this.encoded = encoded;
    }

    /** The log in {@code file}, parsed unless {@code known} holds these very bytes. */
    static RequestLogDocument read(byte[] file, RequestLogDocument known) throws IOException {
        if (known != null && Arrays.equals(known.bytes, file)) {
            return known;
        }
        RequestLog log = Documents.read(file, RequestLogRecord.class).toLog();
        return new RequestLogDocument(file, log, Map.of()); // new entry objects: the encodings kept match none
    }

    RequestLog log() {
        return log;
    }

    /** The document of {@code changed}, reusing the encoding of every entry this copy wrote before. */
    RequestLogDocument with(RequestLog changed) throws IOException {
        // By identity: the entries kept are the very objects of the log read, and a record's own hashCode over
        // its names and time cost more than encoding them again.
        Map<RequestLog.Entry, byte[]> now = new IdentityHashMap<>();
        List<byte[]> parts = new ArrayList<>(changed.entries().size());
        int length = HEAD.length + TAIL.length;
        for (RequestLog.Entry entry : changed.entries()) {
            byte[] one = encoded.get(entry);
            one = one != null ? one : trimmed(Documents.bytes(RequestLogRecord.EntryRecord.of(entry)));
            now.put(entry, one);
            length += one.length + (parts.isEmpty() ? 0 : BETWEEN.length);
            parts.add(one);
        }
        // Sized once and filled, not grown and copied: the log of a busy week is a megabyte.
        byte[] document = new byte[length];
        int at = put(document, 0, HEAD);
        for (int i = 0; i < parts.size(); i++) {
            at = put(document, i == 0 ? at : put(document, at, BETWEEN), parts.get(i));
        }
        put(document, at, TAIL);
        return new RequestLogDocument(document, changed, now);
    }

    private static int put(byte[] into, int at, byte[] part) {
        System.arraycopy(part, 0, into, at, part.length);
        return at + part.length;
    }

    byte[] bytes() {
        return bytes;
    }

    static RequestLogDocument empty() {
        return new RequestLogDocument(null, RequestLog.EMPTY, Map.of());
    }

    /** A record's document without the line break it ends with, if any. */
    private static byte[] trimmed(byte[] document) {
        int length = document.length;
        while (length > 0 && (document[length - 1] == '\n' || document[length - 1] == '\r')) {
            length--;
        }
        return length == document.length ? document : Arrays.copyOf(document, length);
    }
}
