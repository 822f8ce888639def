package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.AcmeSessions;
import io.acmectl.acme.CaServer;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.Store;
import io.acmectl.store.StoredCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * {@code acmectl revoke}: signed by the account that issued the certificate, or by the
 * certificate's own key when that account is gone (the answer to a leaked key).
 */
public final class RevokeService {
    private static final String ALREADY_REVOKED = "urn:ietf:params:acme:error:alreadyRevoked";

    private final Store store;
    private final AcmeSessions sessions;
    private final AccountService accounts;
    private final Clock clock;

    public RevokeService(Store store, AcmeSessions sessions, AccountService accounts, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The reasons RFC 5280 lets a subscriber give, as typed on the command line. */
    public enum Reason {
        UNSPECIFIED(RevocationReason.UNSPECIFIED),
        KEY_COMPROMISE(RevocationReason.KEY_COMPROMISE),
        SUPERSEDED(RevocationReason.SUPERSEDED),
        AFFILIATION_CHANGED(RevocationReason.AFFILIATION_CHANGED),
        CESSATION_OF_OPERATION(RevocationReason.CESSATION_OF_OPERATION);

        final RevocationReason acme;

        Reason(RevocationReason acme) {
            this.acme = acme;
        }

        /** {@code keyCompromise}, as RFC 5280 spells it. */
        public String id() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder id = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return id.toString();
        }

        public static Reason parse(String text) {
            String wanted = text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(r -> r.id().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                    .orElseThrow(() -> AcmectlException.usage("unknown revocation reason '" + text + "'; use one of "
                            + String.join(", ", Arrays.stream(values()).map(Reason::id).toList())));
        }
    }

    /** Exactly one of {@code certName} and {@code certPath}; {@code keyPath} and {@code accountSelector} may be null. */
    public record Request(CaServer server, String certName, Path certPath, Path keyPath, KeyPair certificateKey,
            Reason reason, boolean delete, String accountSelector) {}

    public enum Outcome { REVOKED, ALREADY_REVOKED }

    /** What a confirmation prompt shows before anything is sent. */
    public record Target(X509Certificate certificate, Optional<StoredCertificate> lineage, CaServer server) {}

    public Target target(Request request) {
        if (request.certName() != null) {
            StoredCertificate lineage = store.certificates().find(request.certName()).orElseThrow(() ->
                    AcmectlException.usage("no certificate named '" + request.certName() + "' in " + store.root()));
            return new Target(store.certificates().readCertificate(lineage), Optional.of(lineage),
                    CaServer.resolve(lineage.settings().server()));
        }
        X509Certificate certificate;
        try {
            certificate = Pem.readCertificates(Files.readString(request.certPath()), request.certPath().toString())
                    .get(0);
        } catch (IOException e) {
            throw AcmectlException.usage("cannot read --cert-path " + request.certPath() + ": " + e.getMessage());
        }
        String serial = certificate.getSerialNumber().toString(16);
        Optional<StoredCertificate> lineage = store.certificates().list().stream()
                .filter(c -> serial.equals(c.serial())).findFirst();
        return new Target(certificate, lineage, request.server());
    }

    public Outcome revoke(Request request, Target target) {
        X509Certificate certificate = target.certificate();
        KeyPair key = request.certificateKey();
        if (key != null && !PublicKeys.same(key.getPublic(), certificate.getPublicKey())) {
            throw AcmectlException.usage("the key in " + request.keyPath() + " is not the key of the certificate");
        }
        Outcome outcome;
        try {
            if (key != null) {
                Certificate.revoke(sessions.open(target.server()), key, certificate, request.reason().acme);
            } else {
                String account = request.accountSelector() != null ? request.accountSelector()
                        : target.lineage().map(c -> c.settings().account()).orElse(null);
                Certificate.revoke(accounts.login(target.server(), account), certificate, request.reason().acme);
            }
            outcome = Outcome.REVOKED;
        } catch (AcmeServerException e) {
            if (!ALREADY_REVOKED.equals(e.getType().toString())) {
                throw AcmeFailures.explain(e, target.server(), "revoking the certificate");
            }
            outcome = Outcome.ALREADY_REVOKED;
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, target.server(), "revoking the certificate");
        }
        target.lineage().ifPresent(lineage -> {
            if (!lineage.isRevoked()) {
                store.certificates().update(lineage.revoked(clock.instant(), request.reason().id()));
            }
            if (request.delete()) {
                store.certificates().removeLive(lineage.name());
            }
        });
        return outcome;
    }

}
