package io.acmectl.acme;

import io.acmectl.challenge.Dns01Proof;
import io.acmectl.challenge.DnsPersist01Proof;
import io.acmectl.challenge.Http01Proof;
import io.acmectl.challenge.Proof;
import io.acmectl.challenge.TlsAlpn01Proof;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Identifier;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.toolbox.JSON;

/** Turns acme4j's challenge into the {@link Proof} a solver understands; one line per challenge type. */
final class Proofs {
    private Proofs() {}

    static Proof of(Identifier identifier, Challenge challenge, java.net.URL account) {
        if (challenge instanceof Http01Challenge http) {
            return new Http01Proof(identifier, http.getToken(), http.getAuthorization());
        }
        if (challenge instanceof TlsAlpn01Challenge tls) {
            return new TlsAlpn01Proof(identifier, tls.getAuthorization());
        }
        if (challenge instanceof Dns01Challenge dns) { // a wildcard's record is its base name's
            return new Dns01Proof(identifier, dns.getRRName(identifier.base()), dns.getDigest());
        }
        if (ChallengeSpec.DNS_PERSIST_01.equals(challenge.getType())) { // acme4j 4.0.0 has no class for it
            return new DnsPersist01Proof(identifier, challenge.getJSON().get("issuer-domain-names").asArray().stream()
                    .map(JSON.Value::asString).toList(), account.toString());
        }
        throw new IllegalArgumentException("no proof for challenge type " + challenge.getType());
    }
}
