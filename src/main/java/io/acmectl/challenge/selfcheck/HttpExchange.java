package io.acmectl.challenge.selfcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One {@code GET} to one address, the way a CA's validator sends it: the URL's host in the Host
 * header whatever address was connected to, {@code Connection: close}, the answer read to its end
 * within a size and a time bound. An {@code https} URL (a redirect's) is fetched without checking
 * the server's certificate, as validators do. Plain sockets rather than an HTTP client, since the
 * address must be the one the self-check resolved while the Host header names the name.
 */
final class HttpExchange {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A key authorization is under 100 bytes; a validator reads little more (Boulder: 128 bytes of body). */
    static final int MAX_BYTES = 16 * 1024;

    /** The status, a redirect's Location (null if none) and the body. */
    record Response(int status, String location, String body) {}

    private HttpExchange() {}

    static Response get(URI url, InetAddress address) throws IOException {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        long deadline = System.nanoTime() + 2 * TIMEOUT.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) TIMEOUT.toMillis());
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            Socket socket = tls ? wrap(plain, url.getHost(), port) : plain;
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            String host = url.getHost() + (url.getPort() > 0 && url.getPort() != (tls ? 443 : 80) ? ":" + port : "");
            String request = "GET " + path + query + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: acmectl-self-check"
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream(), deadline));
        }
    }

    private static Socket wrap(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        if (!host.startsWith("[") && !org.bouncycastle.util.IPAddress.isValidIPv4(host)) { // no SNI for an address
            parameters.setServerNames(java.util.List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** Up to {@link #MAX_BYTES}, until the server closes or the deadline passes. */
    private static byte[] readAll(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (bytes.size() < MAX_BYTES && System.nanoTime() < deadline) {
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_BYTES - bytes.size()));
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            throw new IOException("no HTTP answer");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine.length > 1 ? statusLine[1] : "");
        } catch (NumberFormatException e) {
            throw new IOException("a broken HTTP status line: " + lines[0]);
        }
        String location = null;
        boolean chunked = false;
        int length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = value;
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-length" -> length = parseLength(value);
                default -> { }
            }
        }
        String body = text.substring(end + 4);
        body = chunked ? dechunk(body) : length >= 0 && length < body.length() ? body.substring(0, length) : body;
        return new Response(status, location, body);
    }

    private static int parseLength(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A chunked body (RFC 9112 section 7.1), as far as it was read. */
    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String size = body.substring(at, lineEnd).split(";", 2)[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n <= 0) {
                break;
            }
            int start = lineEnd + 2;
            out.append(body, start, Math.min(body.length(), start + n));
            at = start + n + 2;
        }
        return out.toString();
    }
}
