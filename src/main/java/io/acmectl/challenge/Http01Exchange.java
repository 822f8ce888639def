package io.acmectl.challenge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection to the {@link Http01Listener}: one request, one answer, then the connection is
 * closed. Only {@code GET} and {@code HEAD} of {@code /.well-known/acme-challenge/TOKEN} are
 * answered with anything but an error. The head of the request (request line and header fields)
 * must arrive whole within the deadline and the size limit; its body, if any, is never read.
 */
final class Http01Exchange {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    /** method SP request-target SP HTTP-version (RFC 9112 section 3); the method is a token. */
    private static final Pattern REQUEST_LINE =
            Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\\S+) HTTP/1\\.[0-9]");
    /** {@code http://host[:port]} before the path of an absolute-form target, which servers must accept. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)https?://[^/?#]*");
    /** How long the answer waits for the client to take it, while what it sent unread is drained. */
    private static final long LINGER_MILLIS = 1_000;
    private static final int MAX_DRAINED_BYTES = 64 * 1024;

    private final Socket socket;
    private final Function<String, byte[]> answers;
    private final Http01Listener.Limits limits;
    private final long deadlineNanos;

    Http01Exchange(Socket socket, Function<String, byte[]> answers, Http01Listener.Limits limits) {
        this.socket = socket;
        this.answers = answers;
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.deadline().toNanos();
    }

    /** A status line without a body: what every refusal sends. */
    private record Refusal(int status, String reason, String extraHeader) {
        static final Refusal BAD_REQUEST = new Refusal(400, "Bad Request", "");
        static final Refusal TIMEOUT = new Refusal(408, "Request Timeout", "");
        static final Refusal URI_TOO_LONG = new Refusal(414, "URI Too Long", "");
        static final Refusal HEAD_TOO_LARGE = new Refusal(431, "Request Header Fields Too Large", "");
        static final Refusal NOT_FOUND = new Refusal(404, "Not Found", "");
        static final Refusal METHOD = new Refusal(405, "Method Not Allowed", "Allow: GET, HEAD\r\n");
    }

    private static final class Refused extends Exception {
        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.reason(), null, false, false);
            this.refusal = refusal;
        }
    }

    void answer() throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String head;
        try {
            head = readHead(in);
        } catch (Refused refused) {
            send(response(refused.refusal), in);
            return;
        }
        if (head != null) {
            send(respond(head), in);
        }
    }

    /** The answer to a request whose head is {@code requestLine}. */
    private byte[] respond(String requestLine) {
        Matcher line = REQUEST_LINE.matcher(requestLine);
        if (!line.matches()) {
            return response(Refusal.BAD_REQUEST);
        }
        String method = line.group(1);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return response(Refusal.METHOD);
        }
        String path = path(line.group(2));
        byte[] body = path.startsWith(PREFIX) ? answers.apply(path.substring(PREFIX.length())) : null;
        if (body == null) {
            return response(Refusal.NOT_FOUND);
        }
        byte[] headers = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (method.equals("HEAD")) {
            return headers;
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream(headers.length + body.length);
        whole.writeBytes(headers);
        whole.writeBytes(body);
        return whole.toByteArray();
    }

    /** The path of an origin-form or absolute-form target, without its query or fragment. */
    private static String path(String target) {
        Matcher absolute = ABSOLUTE.matcher(target);
        String path = absolute.lookingAt() ? target.substring(absolute.end()) : target;
        int end = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return path.substring(0, end);
    }

    /**
     * Reads up to the empty line that ends the head and returns its request line, or null when the
     * client closed before that. Empty lines before the request line are skipped (RFC 9112 section 2.2).
     */
    private String readHead(InputStream in) throws IOException, Refused {
        int budget = limits.maxRequestBytes();
        String requestLine = null;
        while (true) {
            String line = readLine(in, budget, requestLine == null ? Refusal.URI_TOO_LONG : Refusal.HEAD_TOO_LARGE);
            if (line == null) {
                return null;
            }
            budget -= line.length() + 1;
            if (requestLine == null && !line.isEmpty()) {
                requestLine = line;
            } else if (requestLine != null && line.isEmpty()) {
                return requestLine;
            }
        }
    }

    /** One line without its CR LF (a bare LF ends a line too), or null at the end of input. */
    private String readLine(InputStream in, int budget, Refusal tooLong) throws IOException, Refused {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = readByte(in);
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            if (line.length() + 1 >= budget) {
                throw new Refused(tooLong);
            }
            line.append((char) c);
        }
    }

    /** A byte within what is left of the deadline: the deadline holds for the whole head, not for each read. */
    private int readByte(InputStream in) throws IOException, Refused {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new Refused(Refusal.TIMEOUT);
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new Refused(Refusal.TIMEOUT);
        }
    }

    private static byte[] response(Refusal refusal) {
        return ("HTTP/1.1 " + refusal.status() + " " + refusal.reason() + "\r\n" + refusal.extraHeader()
                + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends the answer and ends our side, then drains (bounded in time and bytes) what the client
     * sent that was not read: closing with unread input would reset the connection and could destroy
     * the answer before the client reads it.
     */
    private void send(byte[] response, InputStream in) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(response);
        out.flush();
        socket.shutdownOutput();
        socket.setSoTimeout((int) LINGER_MILLIS);
        long until = System.nanoTime() + LINGER_MILLIS * 1_000_000;
        byte[] buffer = new byte[4096];
        int drained = 0;
        try {
            for (int n = in.read(buffer); n >= 0 && drained < MAX_DRAINED_BYTES && System.nanoTime() < until;
                    n = in.read(buffer)) {
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // the client neither read nor closed within the linger time: close anyway
        }
    }
}
