package io.acmectl.challenge;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The tls-alpn-01 listener's key manager: the validation certificates being presented, by SNI name,
 * and the one key they share. The JDK asks it for a certificate while it handshakes; it answers
 * only a client that asked for a name being validated, and only when {@code acme-tls/1} was agreed.
 * Every other client gets no certificate, which ends its handshake with a handshake_failure alert.
 *
 * <p>Why here and not in an ALPN selector: a JDK server whose client offers no ALPN at all goes on
 * without ALPN and never calls the selector (seen on JDK 17, TLS 1.2 and 1.3), and in TLS 1.2 the
 * certificate is chosen before the selector runs. The protocol the JDK matched from
 * {@code setApplicationProtocols} is known by then ({@code ""} when the client offered none); a
 * client offering only other protocols is refused earlier still, with no_application_protocol.
 */
final class ValidationKeys extends X509ExtendedKeyManager {
    static final String ACME_TLS_1 = "acme-tls/1";

    /** A certificate presented for one proof; the key authorization tells which proof withdraws it. */
    private record Shown(String keyAuthorization, X509Certificate certificate) {}

    private final PrivateKey key;
    /**
     * Per SNI name, every proof presented for it, newest last. Two certificates of a run may prove
     * the same name at once; withdrawing one must not withdraw the other. The newest is served.
     */
    private final Map<String, List<Shown>> shown = new ConcurrentHashMap<>();

    ValidationKeys(PrivateKey key) {
        this.key = key;
    }

    void present(String sniName, String keyAuthorization, X509Certificate certificate) {
        shown.compute(sniName, (name, list) -> {
            List<Shown> more = list == null ? new ArrayList<>() : new ArrayList<>(list);
            more.add(new Shown(keyAuthorization, certificate));
            return List.copyOf(more);
        });
    }

    void withdraw(String sniName, String keyAuthorization) {
        shown.computeIfPresent(sniName, (name, list) -> {
            List<Shown> fewer = new ArrayList<>(list);
            for (int i = fewer.size() - 1; i >= 0; i--) {
                if (fewer.get(i).keyAuthorization().equals(keyAuthorization)) {
                    fewer.remove(i);
                    break;
                }
            }
            return fewer.isEmpty() ? null : List.copyOf(fewer);
        });
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        if (!(socket instanceof SSLSocket tls) || !key.getAlgorithm().equals(keyType)
                || !ACME_TLS_1.equals(tls.getHandshakeApplicationProtocol())) {
            return null;
        }
        String name = requestedName(tls.getHandshakeSession());
        return name != null && shown.containsKey(name) ? name : null;
    }

    /** The host name the client asked for (SNI), lower case; null when it asked for none. */
    private static String requestedName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** The newest certificate for the name; null once withdrawn, which fails the handshake. */
    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        List<Shown> list = shown.get(alias);
        return list == null ? null : new X509Certificate[] {list.get(list.size() - 1).certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return shown.containsKey(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }
}
