package io.acmectl.store;

import io.acmectl.core.RequestLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
        return new RequestLogDocument(file, log, known == null ? Map.of() : known.encoded);
    }

    RequestLog log() {
        return log;
    }

    /** The document of {@code changed}, reusing the encoding of every entry this copy wrote before. */
    RequestLogDocument with(RequestLog changed) throws IOException {
        // By identity: the entries kept are the very objects of the log read, and a record's own hashCode over
        // its names and time cost more than encoding them again.
        Map<RequestLog.Entry, byte[]> now = new IdentityHashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, bytes == null ? 0 : bytes.length + 512));
        out.write(HEAD);
        boolean first = true;
        for (RequestLog.Entry entry : changed.entries()) {
            byte[] one = now.get(entry);
            if (one == null) {
                one = encoded.get(entry);
                if (one == null) {
                    one = Documents.bytes(RequestLogRecord.EntryRecord.of(entry));
                }
                now.put(entry, one);
            }
            if (!first) {
                out.write(BETWEEN);
            }
            out.write(one, 0, trimmed(one));
            first = false;
        }
        out.write(TAIL);
        return new RequestLogDocument(out.toByteArray(), changed, now);
    }

    byte[] bytes() {
        return bytes;
    }

    static RequestLogDocument empty() {
        return new RequestLogDocument(null, RequestLog.EMPTY, Map.of());
    }

    /** The length without the trailing line break a record's document ends with, if any. */
    private static int trimmed(byte[] document) {
        int length = document.length;
        while (length > 0 && (document[length - 1] == '\n' || document[length - 1] == '\r')) {
            length--;
        }
        return length;
    }
}
