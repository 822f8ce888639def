package io.acmectl.core;

import java.util.List;
import java.util.Objects;

/**
 * What a certificate should be and how to get it, kept with the lineage so that a renewal repeats
 * it: the want list makes these, {@code issue} on the command line too. {@code profile} may be null
 * (the CA's default); {@code preferredChain} too (the CA's default chain), else the issuer common name
 * of the top certificate of the chain to pick among those the CA offers. {@code verify} may be null (no
 * deploy check). Build one with {@link #builder}.
 */
public record CertificateSpec(CaServer server, List<String> domains, KeySpec key, ChallengeChoice challenges,
        String profile, RenewBefore renewBefore, Hooks hooks, String preferredChain, Verify verify) {

    public CertificateSpec {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(challenges, "challenges");
        domains = List.copyOf(domains);
        key = key == null ? KeySpec.DEFAULT : key;
        renewBefore = renewBefore == null ? RenewBefore.AUTO : renewBefore;
        hooks = hooks == null ? Hooks.NONE : hooks;
    }

    public List<Identifier> identifiers() {
        return domains.stream().map(Identifiers::parse).toList();
    }

    public static Builder builder(CaServer server, List<String> domains, ChallengeChoice challenges) {
        return new Builder(server, domains, challenges);
    }

    public Builder toBuilder() {
        return new Builder(server, domains, challenges).key(key).profile(profile).renewBefore(renewBefore)
                .hooks(hooks).preferredChain(preferredChain).verify(verify);
    }

    /** The options beyond server, names and challenge, each with its default. */
    public static final class Builder {
        private CaServer server;
        private List<String> domains;
        private ChallengeChoice challenges;
        private KeySpec key = KeySpec.DEFAULT;
        private String profile;
        private RenewBefore renewBefore = RenewBefore.AUTO;
        private Hooks hooks = Hooks.NONE;
        private String preferredChain;
        private Verify verify;

        private Builder(CaServer server, List<String> domains, ChallengeChoice challenges) {
            this.server = server;
            this.domains = domains;
            this.challenges = challenges;
        }

        public Builder server(CaServer value) {
            server = value;
            return this;
        }

        public Builder domains(List<String> value) {
            domains = value;
            return this;
        }

        public Builder challenges(ChallengeChoice value) {
            challenges = value;
            return this;
        }

        public Builder key(KeySpec value) {
            key = value;
            return this;
        }

        public Builder profile(String value) {
            profile = value;
            return this;
        }

        public Builder renewBefore(RenewBefore value) {
            renewBefore = value;
            return this;
        }

        public Builder hooks(Hooks value) {
            hooks = value;
            return this;
        }

        public Builder preferredChain(String value) {
            preferredChain = value;
            return this;
        }

        /** The deploy check after the deploy hooks; null: none. */
        public Builder verify(Verify value) {
            verify = value;
            return this;
        }

        public CertificateSpec build() {
            return new CertificateSpec(server, domains, key, challenges, profile, renewBefore, hooks, preferredChain,
                    verify);
        }
    }
}
