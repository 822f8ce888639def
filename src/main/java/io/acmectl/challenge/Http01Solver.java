package io.acmectl.challenge;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Identifier;

/**
 * What every http-01 solver shares: the answer to {@code /.well-known/acme-challenge/TOKEN} is the
 * key authorization. The token was checked to be base64url when the {@link Http01Proof} was made,
 * so a solver may use it as a file name or a path.
 */
abstract class Http01Solver implements ChallengeSolver {
    @Override
    public final String type() {
        return ChallengeSpec.HTTP_01;
    }

    @Override
    public final void present(Proof proof) {
        Http01Proof http = http01(proof);
        publish(http.identifier(), http.token(), http.keyAuthorization());
    }

    @Override
    public final void cleanUp(Proof proof) {
        withdraw(http01(proof).token());
    }

    /** Serves {@code keyAuthorization} at {@code /.well-known/acme-challenge/TOKEN} for the name. */
    abstract void publish(Identifier identifier, String token, String keyAuthorization);

    abstract void withdraw(String token);

    /** Another proof here is a bug in whoever chose this solver, not something the user can fix. */
    private static Http01Proof http01(Proof proof) {
        if (proof instanceof Http01Proof http) {
            return http;
        }
        throw new IllegalArgumentException("an http-01 solver cannot present " + proof);
    }
}
