package io.acmectl.acme;

import io.acmectl.core.Failure;
import io.acmectl.files.BoundedFiles;
import io.acmectl.crypto.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for talking to a CA: the system's roots, plus a private CA's from {@code --ca-bundle}.
 * With a bundle, the bundle is asked first and the system's roots (some 140 certificates to parse, a
 * twentieth of an issuance's CPU) are loaded only if it does not trust the server.
 */
public final class TlsTrust {
    private TlsTrust() {}

    public static SSLContext context(Path caBundle) {
        try {
            X509TrustManager trust = caBundle == null ? trustManager(null)
                    : new EitherTrustManager(trustManager(bundleKeyStore(caBundle)), new SystemRoots());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    private static KeyStore bundleKeyStore(Path caBundle) throws GeneralSecurityException {
        List<X509Certificate> certificates;
        try {
            // A CA bundle is a few certificates: 4 MiB is generous, and /dev/zero is refused, not read.
            certificates = Pem.readCertificates(BoundedFiles.readString(caBundle, 4 * BoundedFiles.MIB, "--ca-bundle"),
                    "--ca-bundle " + BoundedFiles.shown(caBundle));
        } catch (IOException e) {
            throw new Failure.BadInput(e.getMessage(), e);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-bundle-" + i, certificates.get(i));
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** The system's roots, loaded when first asked. */
    private static final class SystemRoots {
        private X509ExtendedTrustManager loaded;

        synchronized X509ExtendedTrustManager get() {
            if (loaded == null) {
                try {
                    loaded = extended(trustManager(null));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot load the system's TLS roots", e);
                }
            }
            return loaded;
        }
    }

    private static X509ExtendedTrustManager extended(X509TrustManager manager) throws GeneralSecurityException {
        if (manager instanceof X509ExtendedTrustManager extended) {
            return extended;
        }
        throw new GeneralSecurityException("the JDK's trust manager checks no host name: " + manager.getClass());
    }

    /**
     * Trusts a server that either the bundle or the system trusts. An extended trust manager, so that
     * TLS hands each the connection to check the host name and algorithms against: a plain one would be
     * wrapped, and the wrapper asks for every accepted issuer (loading the system's roots) at each
     * handshake.
     */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager bundle;
        private final SystemRoots system;

        EitherTrustManager(X509TrustManager bundle, SystemRoots system) throws GeneralSecurityException {
            this.bundle = extended(bundle);
            this.system = system;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType));
        }

        private interface Check {
            void on(X509ExtendedTrustManager manager) throws CertificateException;
        }

        /**
         * The bundle's check, else the system's. When both refuse, the reason given is the bundle's if
         * the bundle holds the server's CA (a wrong host name, say), else the system's.
         */
        private void either(Check check) throws CertificateException {
            try {
                check.on(bundle);
            } catch (CertificateException fromBundle) {
                try {
                    check.on(systemRoots());
                } catch (CertificateException fromSystem) {
                    CertificateException reason = unanchored(fromBundle) ? fromSystem : fromBundle;
                    reason.addSuppressed(reason == fromSystem ? fromBundle : fromSystem);
                    throw reason;
                }
            }
        }

        /** The system's roots; if they cannot be loaded, a refusal that says so (in the handshake). */
        private X509ExtendedTrustManager systemRoots() throws CertificateException {
            try {
                return system.get();
            } catch (IllegalStateException e) {
                throw new CertificateException(e.getMessage(), e.getCause());
            }
        }

        /** The refusal says the trust store holds no CA the chain leads to. */
        private static boolean unanchored(Throwable refusal) {
            for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.security.cert.CertPathBuilderException) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            system.get().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            system.get().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            system.get().checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = system.get().getAcceptedIssuers();
            X509Certificate[] b = bundle.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
