package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.HostPort;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.Verify;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A certificate's spec as the store writes it, in {@code renewal/NAME.json} and in the want-list
 * cache. The shape is the one acmectl has always written, so existing stores keep loading; it
 * changes only here, never because a core type did. {@code account} is the account URL (only in
 * lineages); {@code challengesByName} appears only when a name has a challenge of its own;
 * {@code verify} only when the certificate has a deploy check.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SettingsRecord(
        String server,
        String account,
        List<String> domains,
        KeyRecord key,
        ChallengeRecord challenge,
        Map<String, ChallengeRecord> challengesByName,
        String profile,
        String renewBefore,
        HooksRecord hooks,
        String preferredChain,
        VerifyRecord verify) {

    static SettingsRecord of(CertificateSpec spec, String accountUrl) {
        Map<String, ChallengeRecord> byName = null;
        if (!spec.challenges().byName().isEmpty()) {
            byName = new LinkedHashMap<>();
            for (Map.Entry<String, ChallengeSpec> entry : spec.challenges().byName().entrySet()) {
                byName.put(entry.getKey(), ChallengeRecord.of(entry.getValue()));
            }
        }
        return new SettingsRecord(spec.server().directory().toString(), accountUrl, spec.domains(),
                KeyRecord.of(spec.key()), ChallengeRecord.of(spec.challenges().fallback()), byName, spec.profile(),
                // AUTO is what an absent key means; files from older want lists say "auto", which reads the same.
                spec.renewBefore().isAuto() ? null : spec.renewBefore().text(), HooksRecord.of(spec.hooks()),
                spec.preferredChain(), VerifyRecord.of(spec.verify()));
    }

    /** The spec this record describes; {@link Failure.BadInput} says which value is wrong (a hand edit). */
    CertificateSpec toSpec() {
        if (server == null) {
            throw new Failure.BadInput("it names no server");
        }
        if (domains == null || domains.isEmpty()) {
            throw new Failure.BadInput("it names no domains");
        }
        if (challenge == null) {
            throw new Failure.BadInput("it names no challenge");
        }
        Map<String, ChallengeSpec> byName = new LinkedHashMap<>();
        if (challengesByName != null) {
            challengesByName.forEach((name, record) -> byName.put(name, record.toSpec()));
        }
        RenewBefore rule = RenewBefore.parse(renewBefore);
        if (rule == null) {
            throw new Failure.BadInput("renew-before '" + renewBefore
                    + "' is none of: auto, a duration such as 30d or 12h, a share of the lifetime such as 33%");
        }
        return CertificateSpec.builder(CaServer.resolve(server), domains,
                        new ChallengeChoice(challenge.toSpec(), byName))
                .key(key == null ? KeySpec.DEFAULT : key.toSpec())
                .profile(profile)
                .renewBefore(rule)
                .hooks(hooks == null ? Hooks.NONE : hooks.toHooks())
                .preferredChain(preferredChain)
                .verify(verify == null ? null : verify.toVerify())
                .build();
    }

    /** {@code type} is a {@link KeyType#id()}: {@code ec256}, {@code rsa2048}... */
    record KeyRecord(String type, boolean reuse) {
        static KeyRecord of(KeySpec key) {
            return new KeyRecord(key.type().id(), key.reuse());
        }

        KeySpec toSpec() {
            return new KeySpec(type == null ? KeySpec.DEFAULT.type() : KeyType.parse(type), reuse);
        }
    }

    /**
     * http-01 through a webroot folder, or through acmectl's own listener ({@code port}, {@code address});
     * tls-alpn-01 through acmectl's own TLS listener ({@code port}, {@code address}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChallengeRecord(String type, String webroot, Integer port, String address) {
        static ChallengeRecord of(ChallengeSpec spec) {
            if (spec instanceof ChallengeSpec.Webroot webroot) {
                return new ChallengeRecord(spec.challengeType(), webroot.folder().toString(), null, null);
            }
            if (spec instanceof ChallengeSpec.Standalone standalone) {
                return new ChallengeRecord(spec.challengeType(), null, standalone.port(), standalone.address());
            }
            if (spec instanceof ChallengeSpec.TlsAlpn tls) {
                return new ChallengeRecord(spec.challengeType(), null, tls.port(), tls.address());
            }
            throw new IllegalArgumentException("the store cannot keep a " + spec.getClass().getSimpleName()
                    + " challenge yet");
        }

        ChallengeSpec toSpec() {
            if (ChallengeSpec.TLS_ALPN_01.equals(type)) {
                return new ChallengeSpec.TlsAlpn(port == null ? ChallengeSpec.TlsAlpn.DEFAULT_PORT : port, address);
            }
            if (type != null && !type.equals(ChallengeSpec.HTTP_01)) {
                throw new Failure.BadInput("unknown challenge type '" + type + "'");
            }
            if (webroot != null) {
                return new ChallengeSpec.Webroot(Path.of(webroot));
            }
            return new ChallengeSpec.Standalone(port == null ? ChallengeSpec.Standalone.DEFAULT_PORT : port, address);
        }
    }

    /** The deploy check: the TLS server as {@code HOST:PORT}. */
    record VerifyRecord(String tls) {
        static VerifyRecord of(Verify verify) {
            return verify == null ? null : new VerifyRecord(verify.tls().toString());
        }

        Verify toVerify() {
            return new Verify(HostPort.parse(tls, Verify.DEFAULT_PORT));
        }
    }

    /** Written in full, empty lists included, as always. */
    record HooksRecord(List<String> pre, List<String> post, List<String> deploy) {
        static HooksRecord of(Hooks hooks) {
            return new HooksRecord(hooks.pre(), hooks.post(), hooks.deploy());
        }

        Hooks toHooks() {
            return new Hooks(pre, post, deploy);
        }
    }
}
