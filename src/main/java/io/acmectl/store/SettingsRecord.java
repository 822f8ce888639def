package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.HostPort;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.RenewBefore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A certificate's spec as the store writes it, in {@code renewal/NAME.json} and in the want-list
 * cache. The shape is the one acmectl has always written, so existing stores keep loading; it
 * changes only here, never because a core type did. {@code account} is the account URL (only in
 * lineages); {@code challengesByName} appears only when a name has a challenge of its own.
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
        String preferredChain) {

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
                spec.preferredChain());
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
     * tls-alpn-01 through acmectl's own TLS listener ({@code port}, {@code address}); dns-01 and
     * dns-persist-01 through the TXT publisher {@code dns}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChallengeRecord(String type, String webroot, Integer port, String address, DnsPublisherRecord dns) {
        static ChallengeRecord of(ChallengeSpec spec) {
            if (spec instanceof ChallengeSpec.Webroot webroot) {
                return new ChallengeRecord(spec.challengeType(), webroot.folder().toString(), null, null, null);
            }
            if (spec instanceof ChallengeSpec.Standalone standalone) {
                return new ChallengeRecord(spec.challengeType(), null, standalone.port(), standalone.address(), null);
            }
            if (spec instanceof ChallengeSpec.TlsAlpn tls) {
                return new ChallengeRecord(spec.challengeType(), null, tls.port(), tls.address(), null);
            }
            if (spec instanceof ChallengeSpec.Dns01 dns) {
                return new ChallengeRecord(spec.challengeType(), null, null, null, DnsPublisherRecord.of(dns.publisher()));
            }
            if (spec instanceof ChallengeSpec.DnsPersist01 dns) {
                return new ChallengeRecord(spec.challengeType(), null, null, null, DnsPublisherRecord.of(dns.publisher()));
            }
            throw new IllegalArgumentException("the store cannot keep a " + spec.getClass().getSimpleName()
                    + " challenge yet");
        }

        ChallengeSpec toSpec() {
            if (ChallengeSpec.TLS_ALPN_01.equals(type)) {
                return new ChallengeSpec.TlsAlpn(port == null ? ChallengeSpec.TlsAlpn.DEFAULT_PORT : port, address);
            }
            if (ChallengeSpec.DNS_01.equals(type)) {
                return new ChallengeSpec.Dns01(publisher());
            }
            if (ChallengeSpec.DNS_PERSIST_01.equals(type)) {
                return new ChallengeSpec.DnsPersist01(publisher());
            }
            if (type != null && !type.equals(ChallengeSpec.HTTP_01)) {
                throw new Failure.BadInput("unknown challenge type '" + type + "'");
            }
            if (webroot != null) {
                return new ChallengeSpec.Webroot(Path.of(webroot));
            }
            return new ChallengeSpec.Standalone(port == null ? ChallengeSpec.Standalone.DEFAULT_PORT : port, address);
        }

        private DnsPublisher publisher() {
            if (dns == null) {
                throw new Failure.BadInput("its " + type + " challenge names no publisher (dns)");
            }
            return dns.toPublisher();
        }
    }

    /**
     * Who publishes the TXT records: hooks ({@code hook}, {@code cleanupHook}, {@code hookTimeout} in
     * seconds) or RFC 2136 ({@code rfc2136}). Never a secret: the TSIG secret stays in its file.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DnsPublisherRecord(String hook, String cleanupHook, Long hookTimeout, Rfc2136Record rfc2136) {
        static DnsPublisherRecord of(DnsPublisher publisher) {
            if (publisher instanceof DnsPublisher.Hook hook) {
                return new DnsPublisherRecord(hook.command(), hook.cleanupCommand(), hook.timeout().toSeconds(), null);
            }
            DnsPublisher.Rfc2136 rfc = (DnsPublisher.Rfc2136) publisher;
            return new DnsPublisherRecord(null, null, null, new Rfc2136Record(rfc.server().toString(), rfc.zone(),
                    rfc.keyName(), rfc.algorithm(), rfc.secretFile().toString()));
        }

        DnsPublisher toPublisher() {
            if (rfc2136 != null) {
                if (rfc2136.server() == null) {
                    throw new Failure.BadInput("its rfc2136 publisher names no server");
                }
                return new DnsPublisher.Rfc2136(HostPort.parse(rfc2136.server(), DnsPublisher.Rfc2136.DEFAULT_PORT),
                        rfc2136.zone(), rfc2136.keyName(), rfc2136.algorithm(),
                        rfc2136.secretFile() == null ? null : Path.of(rfc2136.secretFile()));
            }
            return new DnsPublisher.Hook(hook, cleanupHook, hookTimeout == null ? null : Duration.ofSeconds(hookTimeout));
        }
    }

    /** {@code server} as {@code ADDR:PORT}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rfc2136Record(String server, String zone, String keyName, String algorithm, String secretFile) {}

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
