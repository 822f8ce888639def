package io.acmectl.challenge;

import java.util.List;

/**
 * Answers one type of challenge. For one order, the order flow calls {@link #presentAll} with every
 * authorization the solver was chosen for, then {@link #confirm} (nothing is triggered at the CA
 * until every solver of the order confirmed), triggers the challenges, and calls {@link #cleanUp} for
 * each proof once it is decided, also for a proof whose presenting failed. {@link #close()} releases
 * what the solver holds for the whole run (a listening port).
 */
public interface ChallengeSolver extends AutoCloseable {
    /** The ACME challenge type it answers ({@code http-01}...). */
    String type();

    void present(Proof proof);

    /** Presents every proof of one order that this solver answers: a batch, for those that need one. */
    default void presentAll(List<Proof> proofs) {
        proofs.forEach(this::present);
    }

    /**
     * Before the CA is asked: checks that the CA will see what was presented (the self-check of
     * http-01 and tls-alpn-01, the propagation of a TXT record). Throws {@link
     * io.acmectl.core.Failure.ChallengeSetup} saying what was checked and what came back; then no
     * challenge of the order is triggered. The default checks nothing.
     */
    default void confirm(List<Proof> presented) {}

    void cleanUp(Proof proof);

    @Override
    void close();
}
