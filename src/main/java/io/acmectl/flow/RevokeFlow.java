package io.acmectl.flow;

import io.acmectl.acme.RevocationClient;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.RevocationReason;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code revoke}: signed by the account that issued the certificate, or by the certificate's own
 * key when that account is gone (the answer to a leaked key). A stored lineage is revoked holding
 * its lock, so a renewal running at the same moment cannot undo the record of it.
 */
public final class RevokeFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RevokeFlow.class);

    private final Store store;
    private final RevocationClient client;
    private final AccountFlow accounts;
    private final Clock clock;

    public RevokeFlow(Store store, RevocationClient client, AccountFlow accounts, Clock clock) {
        this.store = store;
        this.client = client;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Exactly one of {@code certName} and {@code certPath}; {@code keyPath}/{@code certificateKey} (the
     * certificate's own key) and {@code accountSelector} may be null. {@code server}: for a certificate
     * file that is not in the store.
     */
    public record Request(CaServer server, CertificateName certName, Path certPath, Path keyPath,
            KeyPair certificateKey, RevocationReason reason, boolean delete, String accountSelector) {}

    public enum Outcome { REVOKED, ALREADY_REVOKED }

    /** What a confirmation prompt shows before anything is sent. */
    public record Target(X509Certificate certificate, Optional<StoredCertificate> lineage, CaServer server) {}

    public Target target(Request request) {
        if (request.certName() != null) {
            StoredCertificate lineage = store.lineages().find(request.certName()).orElseThrow(() ->
                    new Failure.BadInput("no certificate named '" + request.certName() + "' in " + store.root()));
            return new Target(store.lineages().certificate(lineage), Optional.of(lineage), lineage.spec().server());
        }
        X509Certificate certificate;
        try {
            certificate = Pem.readCertificates(Files.readString(request.certPath()), request.certPath().toString())
                    .get(0);
        } catch (IOException e) {
            throw new Failure.BadInput("cannot read --cert-path " + request.certPath() + ": " + e.getMessage());
        }
        String serial = certificate.getSerialNumber().toString(16);
        Optional<StoredCertificate> lineage = store.lineages().names().stream()
                .map(name -> store.lineages().find(name)).flatMap(Optional::stream)
                .filter(c -> serial.equals(c.serial())).findFirst();
        return new Target(certificate, lineage, request.server());
    }

    public Outcome revoke(Request request, Target target) {
        KeyPair key = request.certificateKey();
        if (key != null && !PublicKeys.same(key.getPublic(), target.certificate().getPublicKey())) {
            throw new Failure.BadInput("the key in " + request.keyPath() + " is not the key of the certificate");
        }
        if (target.lineage().isEmpty()) {
            return send(request, target);
        }
        return store.lineages().edit(target.lineage().get().name(), lineage -> {
            Outcome outcome = send(request, target);
            StoredCertificate current = lineage.current().orElse(target.lineage().get());
            String revoked = target.certificate().getSerialNumber().toString(16);
            if (!revoked.equals(current.serial())) {
                // Renewed between the confirmation and the lock: what was revoked is no longer what is served.
                LOG.warn("{} was renewed meanwhile: serial {} is revoked, the certificate now in use ({}) is not",
                        current.name(), revoked, current.serial());
            } else if (!current.isRevoked()) {
                lineage.update(current.revoked(clock.instant(), request.reason().id()));
            }
            if (request.delete()) {
                lineage.removeLive();
            }
            return outcome;
        });
    }

    private Outcome send(Request request, Target target) {
        boolean revokedNow = request.certificateKey() != null
                ? client.revokeWithCertificateKey(target.server(), request.certificateKey(), target.certificate(),
                        request.reason())
                : client.revoke(accounts.signer(target.server(), request.accountSelector() != null
                        ? request.accountSelector() : target.lineage().map(StoredCertificate::accountUrl).orElse(null)),
                        target.certificate(), request.reason());
        return revokedNow ? Outcome.REVOKED : Outcome.ALREADY_REVOKED;
    }
}
