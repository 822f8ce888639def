package io.acmectl.challenge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Loopback HTTP for the tests: a free port, one bounded request, and raw sockets for what a client library will not send. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private Http() {}

    /** A port no other test of this run is handed (binding port 0 and closing it races with them). */
    static int freePort() {
        return io.acmectl.testing.LoopbackPorts.freePort();
    }

    static HttpResponse<String> send(String method, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A connection that reads at most 5 s per read: a listener that never answers fails the test instead of hanging it. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends {@code request} as it is and returns everything the listener sends back until it closes. */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readToEnd(socket);
        }
    }

    /** What the listener sends until it closes the connection (a reset after its answer counts as the end). */
    static String readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
