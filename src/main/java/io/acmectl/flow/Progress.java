package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import java.util.List;

/**
 * What a run tells whoever watches it while it works: which certificates it will look at, each
 * order's steps, and each certificate's outcome. The flows call it; the CLI shows it on a terminal.
 * Called from the run's worker threads, so an implementation must be thread-safe and quick; it
 * never changes what the run does. {@link #NONE} ignores everything.
 */
public interface Progress {
    Progress NONE = new Progress() {};

    /** The steps of one order, in this order (a resumed order skips to {@link #FINALIZING}'s end). */
    enum Step {
        /** Asking the CA for a new order. */
        ORDERING,
        /** Answering the challenges and waiting for the CA to validate them. */
        VALIDATING,
        /** Every name is proven: sending the CSR and waiting for the certificate. */
        FINALIZING
    }

    /** A run over these certificates begins; a single issue calls only {@link #step}. */
    default void started(List<CertificateName> names) {}

    default void step(CertificateName name, Step step) {}

    /** What became of one certificate of a run (any outcome, even a bug's {@code Failed}). */
    default void done(CertificateOutcome outcome) {}
}
