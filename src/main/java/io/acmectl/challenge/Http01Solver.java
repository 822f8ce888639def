package io.acmectl.challenge;

import io.acmectl.challenge.selfcheck.HttpAnswerCheck;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import java.util.List;

/**
 * What every http-01 solver shares: the answer to {@code /.well-known/acme-challenge/TOKEN} is the
 * key authorization. The token was checked to be base64url when the {@link Http01Proof} was made,
 * so a solver may use it as a file name or a path. Before the CA is asked, each answer is fetched
 * the way the CA will fetch it ({@link HttpAnswerCheck}), unless the run's checks say not to.
 */
abstract class Http01Solver implements ChallengeSolver {
    private final PreflightChecks checks;

    Http01Solver(PreflightChecks checks) {
        this.checks = checks;
    }

    @Override
    public final String type() {
        return ChallengeSpec.HTTP_01;
    }

    @Override
    public final void present(Proof proof) {
        Http01Proof http = http01(proof);
        publish(http.identifier(), http.token(), http.keyAuthorization());
    }

    /**
     * Fetches every answer as the CA will; the first that is not served stops the order before any
     * challenge is triggered (the CA counts failed validations).
     */
    @Override
    public final void confirm(List<Proof> presented) {
        if (!checks.selfCheck()) {
            return;
        }
        HttpAnswerCheck check = new HttpAnswerCheck(checks);
        for (Proof proof : presented) {
            Http01Proof http = http01(proof);
            check.check(http.identifier(), http.token(), http.keyAuthorization()).ifPresent(mismatch -> {
                throw new Failure.ChallengeSetup(served() + " is not served at " + mismatch.fetched() + ": got "
                        + mismatch.got() + " (--no-self-check asks the CA anyway)", null);
            });
        }
    }

    @Override
    public final void cleanUp(Proof proof) {
        withdraw(http01(proof).token());
    }

    /** Serves {@code keyAuthorization} at {@code /.well-known/acme-challenge/TOKEN} for the name. */
    abstract void publish(Identifier identifier, String token, String keyAuthorization);

    abstract void withdraw(String token);

    /** What serves the answers, for the self-check's error: {@code webroot /srv/www}. */
    abstract String served();

    /** Another proof here is a bug in whoever chose this solver, not something the user can fix. */
    private static Http01Proof http01(Proof proof) {
        if (proof instanceof Http01Proof http) {
            return http;
        }
        throw new IllegalArgumentException("an http-01 solver cannot present " + proof);
    }
}
