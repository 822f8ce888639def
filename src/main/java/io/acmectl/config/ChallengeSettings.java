package io.acmectl.config;

import io.acmectl.config.WantListYaml.Challenge;
import io.acmectl.config.WantListYaml.Entry;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.files.Folders;
import java.nio.file.Path;

/** A want list's {@code challenge}: exactly one way to prove control, checked where it stands. */
final class ChallengeSettings {
    private final Positions positions;

    ChallengeSettings(Positions positions) {
        this.positions = positions;
    }

    /** The entry's challenge, else the defaults'; an error with neither stands at the certificate. */
    ChallengeSpec of(Layers c) {
        Challenge challenge = c.pick(Entry::challenge, null);
        String pointer = c.own().challenge() != null ? c.base() + "/challenge"
                : c.defaults().challenge() != null ? "/defaults/challenge" : c.base();
        if (challenge == null || challenge.ways() != 1) {
            String what = c.isDefaults() ? "the challenge under defaults must be exactly one"
                    : "certificate " + Quote.of(c.own().name()) + " needs exactly one challenge";
            throw positions.fail(pointer, what + ": { webroot: DIR }, { standalone: { port: 80 } } or "
                    + "{ tls-alpn: { port: 443 } }");
        }
        if (challenge.webroot() != null) {
            return new ChallengeSpec.Webroot(webroot(challenge.webroot(), pointer + "/webroot"));
        }
        try {
            if (challenge.tlsAlpn() != null) {
                return new ChallengeSpec.TlsAlpn(Layers.first(challenge.tlsAlpn().port(),
                        ChallengeSpec.TlsAlpn.DEFAULT_PORT), challenge.tlsAlpn().address());
            }
            return new ChallengeSpec.Standalone(Layers.first(challenge.standalone().port(),
                    ChallengeSpec.Standalone.DEFAULT_PORT), challenge.standalone().address());
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer + (challenge.tlsAlpn() != null ? "/tls-alpn/port" : "/standalone/port"),
                    e.getMessage());
        }
    }

    private Path webroot(String given, String pointer) {
        try {
            return Folders.existing(given, "webroot");
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer, e.getMessage());
        }
    }
}
