package io.acmectl.challenge;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * What every http-01 solver shares: the answer to {@code /.well-known/acme-challenge/TOKEN} is the
 * key authorization. The token comes from the network, so it is checked to be base64url (RFC 8555
 * section 8.3) before it can name a file or anything else.
 */
abstract class Http01Solver implements ChallengeSolver {
    @Override
    public final String type() {
        return Http01Challenge.TYPE;
    }

    @Override
    public final void deploy(Identifier identifier, Challenge challenge) {
        Http01Challenge http = (Http01Challenge) challenge;
        publish(identifier, token(http), http.getAuthorization());
    }

    @Override
    public final void remove(Identifier identifier, Challenge challenge) {
        withdraw(token((Http01Challenge) challenge));
    }

    /** Serves {@code keyAuthorization} at {@code /.well-known/acme-challenge/TOKEN} for the name. */
    abstract void publish(Identifier identifier, String token, String keyAuthorization);

    abstract void withdraw(String token);

    private static String token(Http01Challenge challenge) {
        String token = challenge.getToken();
        if (!token.matches("[A-Za-z0-9_-]+")) {
            throw new AcmectlException(ExitCode.FAILED, "the CA sent an http-01 token that is not base64url");
        }
        return token;
    }
}
