package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.LiveFiles;

/** What a flow did with one certificate: data for the printers, never a sentence. */
public sealed interface CertificateOutcome {
    CertificateName name();

    /** Issued for the first time (or again, with other names) or renewed; in a dry run, not stored. */
    record Obtained(CertificateName name, Kind kind, StoredCertificate certificate, LiveFiles live, boolean dryRun)
            implements CertificateOutcome {
        public enum Kind { ISSUED, RENEWED }
    }

    /**
     * Obtained, stored and deployed, but its deploy check failed: the server it names does not present
     * it ({@code finding} says what it presented, or why it could not be asked). The certificate stays
     * installed; the run counts it as failed, since the server may still serve one about to expire.
     */
    record Unverified(CertificateName name, Obtained obtained, DeployCheck.Finding finding)
            implements CertificateOutcome {}

    /** A valid certificate with the names and key asked for was there already. */
    record Unchanged(CertificateName name, StoredCertificate certificate) implements CertificateOutcome {}

    /** Not due for renewal yet (or revoked), and why. */
    record NotDue(CertificateName name, RenewalDecision decision) implements CertificateOutcome {}

    /** Not due, but the deploy hooks of its newest version had not finished (a run was stopped): they ran now. */
    record Redeployed(CertificateName name, StoredCertificate certificate) implements CertificateOutcome {}

    /** Could not be obtained; the certificate in place, if any, stays. {@code cause} is a Failure, or a bug. */
    record Failed(CertificateName name, RuntimeException cause) implements CertificateOutcome {}

    /** Another acmectl run holds what it needs and will do the work. */
    record Skipped(CertificateName name, Failure.Locked cause) implements CertificateOutcome {}
}
