package io.acmectl.challenge;

/**
 * Answers one type of challenge. The order flow calls {@link #present} for each authorization the
 * solver was chosen for, triggers the challenge, and calls {@link #cleanUp} once it is decided.
 * {@link #close()} releases what the solver holds for the whole run (a listening port).
 */
public interface ChallengeSolver extends AutoCloseable {
    /** The ACME challenge type it answers ({@code http-01}...). */
    String type();

    void present(Proof proof);

    void cleanUp(Proof proof);

    @Override
    void close();
}
