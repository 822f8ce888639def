package io.acmectl.challenge;

import io.acmectl.core.Identifier;

/** Picks the solver for one authorization's identifier: what the order flow asks per authorization. */
@FunctionalInterface
public interface Responder {
    ChallengeSolver solverFor(Identifier identifier);
}
