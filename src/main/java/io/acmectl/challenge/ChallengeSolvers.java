package io.acmectl.challenge;

import io.acmectl.config.ChallengeSettings;
import java.nio.file.Path;

/** Builds the solver that a certificate's stored challenge settings ask for. */
public final class ChallengeSolvers {
    private ChallengeSolvers() {}

    public static ChallengeSolver open(ChallengeSettings settings) {
        if (settings.isWebroot()) {
            return new WebrootSolver(Path.of(settings.webroot()));
        }
        int port = settings.port() == null ? ChallengeSettings.DEFAULT_HTTP_PORT : settings.port();
        return new StandaloneHttpSolver(settings.address(), port);
    }
}
