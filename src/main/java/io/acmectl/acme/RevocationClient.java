package io.acmectl.acme;

import io.acmectl.core.CaServer;
import io.acmectl.core.RevocationReason;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Revocation (RFC 8555 section 7.6): signed by the account that issued the certificate, or by the
 * certificate's own key when that account is gone (the answer to a leaked key).
 */
public final class RevocationClient {
    private final AcmeSessions sessions;

    public RevocationClient(AcmeSessions sessions) {
        this.sessions = sessions;
    }

    /** True when the CA revoked it now, false when it had been revoked before. */
    public boolean revoke(Signer account, X509Certificate certificate, RevocationReason reason) {
        return revoke(account.server(), () -> Certificate.revoke(sessions.login(account), certificate, acme(reason)));
    }

    public boolean revokeWithCertificateKey(CaServer server, KeyPair certificateKey, X509Certificate certificate,
            RevocationReason reason) {
        return revoke(server, () -> Certificate.revoke(sessions.open(server), certificateKey, certificate,
                acme(reason)));
    }

    private interface Request {
        void send() throws AcmeException;
    }

    private static boolean revoke(CaServer server, Request request) {
        return AcmeFailures.at(server, "revoking the certificate", () -> {
            try {
                request.send();
                return true;
            } catch (AcmeServerException e) {
                if (ProblemType.ALREADY_REVOKED.is(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static org.shredzone.acme4j.RevocationReason acme(RevocationReason reason) {
        return org.shredzone.acme4j.RevocationReason.code(reason.code);
    }
}
