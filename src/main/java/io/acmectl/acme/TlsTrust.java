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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS trust for talking to a CA: the system's roots, plus a private CA's from {@code --ca-bundle}. */
public final class TlsTrust {
    private TlsTrust() {}

    public static SSLContext context(Path caBundle) {
        try {
            X509TrustManager system = trustManager(null);
            X509TrustManager extra = caBundle == null ? null : trustManager(bundleKeyStore(caBundle));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {extra == null ? system : new EitherTrustManager(system, extra)},
                    null);
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

    /** Trusts a server that either the system or the bundle trusts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
