package io.acmectl.challenge;

import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Challenge;

/**
 * Answers one type of challenge. The order flow picks the challenge of {@link #type()} from each
 * authorization, calls {@link #deploy} before triggering it and {@link #remove} once it is decided.
 * {@link #close()} releases what the solver holds for the whole run (a listening port).
 */
public interface ChallengeSolver extends AutoCloseable {
    String type();

    void deploy(Identifier identifier, Challenge challenge);

    void remove(Identifier identifier, Challenge challenge);

    @Override
    void close();
}
