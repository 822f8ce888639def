package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.KeyType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls-alpn-01 listener under clients that hold, and the solver as the registry opens it. */
class TlsAlpnListenerTest {
    private static final String ACME_TLS_1 = "acme-tls/1";
    private static final TlsAlpn01Proof PROOF = new TlsAlpn01Proof(Identifier.dns("example.com"), "tok-EN_1.thumb");
    /** The first bytes of a TLS handshake record that announces 512 bytes of ClientHello. */
    private static final byte[] RECORD_HEAD = {0x16, 0x03, 0x01, 0x02, 0x00};

    @TempDir
    Path dir;

    @Test
    void clientsThatSendABitAndHoldStallNoOtherHandshake() throws Exception {
        int port = Http.freePort();
        List<Socket> holders = new ArrayList<>();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            for (int i = 0; i < 3; i++) {
                holders.add(holding(port));
            }
            assertEquals(ACME_TLS_1, Tls.handshake(port, "TLSv1.3", "example.com", ACME_TLS_1).applicationProtocol());
        } finally {
            closeAll(holders);
        }
    }

    @Test
    void moreHoldersThanConnectionSlotsOnlyDelayTheNextHandshakeUntilADeadline() throws Exception {
        int port = Http.freePort();
        TlsAlpnListener.Limits limits = new TlsAlpnListener.Limits(2, Duration.ofMillis(500));
        List<Socket> holders = new ArrayList<>();
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port, KeyType.EC256, limits)) {
            solver.present(PROOF);
            for (int i = 0; i < 3; i++) {
                holders.add(holding(port));
            }
            assertEquals(ACME_TLS_1, Tls.handshake(port, "TLSv1.2", "example.com", ACME_TLS_1).applicationProtocol());
            for (Socket holder : holders) {
                assertEquals("", endOf(holder), "each holder is dropped at its deadline, with nothing sent");
            }
        } finally {
            closeAll(holders);
        }
    }

    /** A byte every 50 ms never leaves a read waiting for the deadline; the deadline is for the whole handshake. */
    @Test
    void aHandshakeMustEndWithinTheDeadlineHoweverSlowlyItTrickles() throws Exception {
        int port = Http.freePort();
        TlsAlpnListener.Limits limits = new TlsAlpnListener.Limits(4, Duration.ofMillis(300));
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port, KeyType.EC256, limits);
                Socket slow = holding(port)) {
            OutputStream out = slow.getOutputStream();
            try {
                for (int i = 0; i < 200; i++) { // 512 bytes are announced: the listener waits for more than this
                    out.write(0);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (SocketException closedByTheListener) {
                // what is expected, once the deadline has passed
            }
            assertEquals("", endOf(slow), "closed by the listener before the client's 5 s read timeout");
        }
    }

    @Test
    void closingEndsTheHandshakesUnderWay() throws Exception {
        int port = Http.freePort();
        TlsAlpnListener.Limits limits = new TlsAlpnListener.Limits(4, Duration.ofSeconds(60));
        TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", port, KeyType.EC256, limits);
        try (Socket holder = holding(port)) {
            solver.present(PROOF);
            Tls.handshake(port, "TLSv1.3", "example.com", ACME_TLS_1); // the holder has surely been accepted by now
            solver.close();
            assertEquals("", endOf(holder), "closed without an answer, long before its 60 s deadline");
        } finally {
            solver.close();
        }
    }

    @Test
    void theStandardRegistryOpensItOnALockedPort() throws Exception {
        int port = Http.freePort();
        ChallengeSpec spec = new ChallengeSpec.TlsAlpn(port, "127.0.0.1");
        Duration patience = Duration.ofMillis(200);
        try (Solvers solvers = SolverRegistry.standard().open(dir, patience)) {
            ChallengeSolver solver = solvers.solverFor(spec);
            assertTrue(solver instanceof TlsAlpnSolver);
            assertTrue(Files.exists(dir.resolve("tls-127.0.0.1-" + port + ".lock")));
            solver.present(PROOF);
            assertEquals("EC", TlsAlpnSolverTest.served(port).getPublicKey().getAlgorithm(), "an EC P-256 key");
            try (Solvers sibling = SolverRegistry.standard().open(dir, patience)) {
                Failure.Locked locked = assertThrows(Failure.Locked.class, () -> sibling.solverFor(spec));
                assertEquals("another acmectl run has been answering tls-alpn-01 on port " + port + " for 200 ms",
                        locked.getMessage());
            }
        }
    }

    /** A connection that has sent the start of a TLS record and holds; its reads are bounded at 5 s. */
    private static Socket holding(int port) throws IOException {
        Socket socket = Http.connect(port);
        socket.getOutputStream().write(RECORD_HEAD);
        socket.getOutputStream().flush();
        return socket;
    }

    /** What the listener sent until it closed the connection; a reset counts as closing with nothing sent. */
    private static String endOf(Socket socket) throws IOException {
        try {
            return Http.readToEnd(socket);
        } catch (SocketException reset) {
            return "";
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
