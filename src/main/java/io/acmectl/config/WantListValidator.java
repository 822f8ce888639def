package io.acmectl.config;

import io.acmectl.config.WantListYaml.Challenge;
import io.acmectl.config.WantListYaml.Entry;
import io.acmectl.config.WantListYaml.HookLists;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DomainName;
import io.acmectl.core.Failure;
import io.acmectl.files.Folders;
import io.acmectl.core.Hooks;
import io.acmectl.core.Identifier;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.Quote;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.WantList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks after binding: applies the defaults, checks every value and builds the core types.
 * Each error says where its value stands, through {@link Positions}.
 */
final class WantListValidator {
    private static final Function<Entry, String> KEY_TYPE = e -> e.key() == null ? null : e.key().type();
    private static final Function<Entry, Boolean> KEY_REUSE = e -> e.key() == null ? null : e.key().reuse();

    private final Path file;
    private final Positions positions;
    private final String defaultServer;

    WantListValidator(Path file, Positions positions, String defaultServer) {
        this.file = file;
        this.positions = positions;
        this.defaultServer = defaultServer;
    }

    WantList check(WantListYaml.File parsed) {
        Entry defaults = parsed.defaults() != null ? parsed.defaults() : Entry.EMPTY;
        if (defaults.name() != null || defaults.domains() != null) {
            throw fail("/defaults", "name and domains belong to a certificate, not to defaults");
        }
        List<Entry> certificates = parsed.certificates() == null ? List.of() : parsed.certificates();
        List<WantList.Wanted> wanted = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < certificates.size(); i++) {
            Entry entry = certificates.get(i);
            String base = "/certificates/" + i;
            if (entry == null) {
                throw fail(base, "empty certificate entry");
            }
            Integer earlier = seen.putIfAbsent(entry.name() == null ? "" : entry.name(), i);
            WantList.Wanted one = certificate(new Layers(entry, defaults, base));
            if (earlier != null) {
                throw fail(base + "/name", "duplicate certificate name " + Quote.of(entry.name()) + " (first at "
                        + positions.where("/certificates/" + earlier + "/name") + ")");
            }
            wanted.add(one);
        }
        return new WantList(file, hooks(defaults.hooks()), wanted);
    }

    /** One certificate entry over the defaults, and where the entry stands ({@code /certificates/3}). */
    private record Layers(Entry own, Entry defaults, String base) {
        /** The entry's value, else the defaults', else {@code fallback}. */
        <T> T pick(Function<Entry, T> field, T fallback) {
            return first(field.apply(own), field.apply(defaults), fallback);
        }

        /** Where the value of {@code key} ({@code /server}) comes from: the entry's, else the defaults'. */
        String pointer(Function<Entry, ?> field, String key) {
            return (field.apply(own) != null ? base : "/defaults") + key;
        }
    }

    /** The checks run in one fixed order, so a file with several faults always reports the same one first. */
    private WantList.Wanted certificate(Layers c) {
        CertificateName name = name(c);
        List<String> domains = domains(c);
        CaServer server = server(c);
        KeySpec key = new KeySpec(keyType(c), c.pick(KEY_REUSE, false));
        RenewBefore renewBefore = renewBefore(c);
        ChallengeChoice challenges = ChallengeChoice.of(challenge(c));
        provable(c, challenges);
        CertificateSpec spec = CertificateSpec.builder(server, domains, challenges)
                .key(key)
                .profile(profile(c))
                .renewBefore(renewBefore)
                .hooks(hooks(c.own().hooks()))
                .build();
        return new WantList.Wanted(name, spec, emails(c), c.pick(Entry::agreeTos, false));
    }

    private CertificateName name(Layers c) {
        if (c.own().name() == null) {
            throw fail(c.base(), "a certificate needs a name");
        }
        try {
            return new CertificateName(c.own().name());
        } catch (Failure.BadInput e) {
            throw fail(c.base() + "/name", e.getMessage());
        }
    }

    /** Each name can be proven by the challenge chosen for it (a wildcard only by dns-01): core's one rule. */
    private void provable(Layers c, ChallengeChoice challenges) {
        List<String> given = c.own().domains();
        for (int j = 0; j < given.size(); j++) {
            String pointer = c.base() + "/domains/" + j;
            challenges.refusal(Identifier.dns(DomainName.normalize(given.get(j)))).ifPresent(why -> {
                throw fail(pointer, why);
            });
        }
    }

    /** Normalised, and www names bring their apex. */
    private List<String> domains(Layers c) {
        List<String> given = c.own().domains();
        if (given == null || given.isEmpty()) {
            throw fail(given == null ? c.base() : Positions.KEY + c.base() + "/domains",
                    "certificate " + Quote.of(c.own().name()) + " needs at least one domain under 'domains'");
        }
        List<String> domains = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            String pointer = c.base() + "/domains/" + j;
            String domain;
            try {
                domain = DomainName.normalize(given.get(j));
            } catch (Failure.BadInput e) {
                throw fail(pointer, e.getMessage());
            }
            domains.add(domain);
        }
        return c.pick(Entry::includeApex, true) ? withApex(domains) : domains;
    }

    private static List<String> withApex(List<String> domains) {
        List<String> withApex = new ArrayList<>();
        for (String domain : domains) {
            withApex.add(domain);
            if (domain.startsWith("www.") && domain.indexOf('.', 4) > 0) {
                withApex.add(domain.substring(4)); // www.example.com brings example.com
            }
        }
        return DomainName.normalizeAll(withApex);
    }

    private CaServer server(Layers c) {
        try {
            return CaServer.resolve(c.pick(Entry::server, defaultServer));
        } catch (Failure.BadInput e) {
            throw fail(c.pointer(Entry::server, "/server"), e.getMessage());
        }
    }

    private KeyType keyType(Layers c) {
        try {
            return KeyType.parse(c.pick(KEY_TYPE, KeySpec.DEFAULT.type().id()));
        } catch (Failure.BadInput e) {
            throw fail(c.pointer(KEY_TYPE, "/key/type"), e.getMessage());
        }
    }

    private RenewBefore renewBefore(Layers c) {
        String text = c.pick(Entry::renewBefore, "auto");
        RenewBefore renewBefore = RenewBefore.parse(text);
        if (renewBefore == null) {
            throw fail(c.pointer(Entry::renewBefore, "/renew-before"), "renew-before " + Quote.of(text)
                    + " is none of: auto, a duration such as 30d or 12h, a share such as 33%");
        }
        return renewBefore;
    }

    /** The entry's challenge, else the defaults'; an error with neither stands at the certificate. */
    private ChallengeSpec challenge(Layers c) {
        Challenge challenge = c.pick(Entry::challenge, null);
        String pointer = c.own().challenge() != null ? c.base() + "/challenge"
                : c.defaults().challenge() != null ? "/defaults/challenge" : c.base();
        if (challenge == null || (challenge.webroot() == null) == (challenge.standalone() == null)) {
            throw fail(pointer, "certificate " + Quote.of(c.own().name()) + " needs exactly one challenge: "
                    + "{ webroot: DIR } or { standalone: { port: 80 } }");
        }
        if (challenge.webroot() != null) {
            return new ChallengeSpec.Webroot(webroot(challenge.webroot(), pointer + "/webroot"));
        }
        int port = first(challenge.standalone().port(), ChallengeSpec.Standalone.DEFAULT_PORT);
        try {
            return new ChallengeSpec.Standalone(port, challenge.standalone().address());
        } catch (Failure.BadInput e) {
            throw fail(pointer + "/standalone/port", e.getMessage());
        }
    }

    private Path webroot(String given, String pointer) {
        try {
            return Folders.existing(given, "webroot");
        } catch (Failure.BadInput e) {
            throw fail(pointer, e.getMessage());
        }
    }

    private List<String> emails(Layers c) {
        List<String> emails = c.pick(Entry::email, List.of());
        for (int j = 0; j < emails.size(); j++) {
            if (!ValueRules.isEmail(emails.get(j))) {
                throw fail(c.pointer(Entry::email, "/email/" + j),
                        Quote.of(emails.get(j)) + " is not an e-mail address");
            }
        }
        return emails;
    }

    /** A profile the CA's directory could list: one token, as on the command line. */
    private String profile(Layers c) {
        String profile = c.pick(Entry::profile, null);
        if (profile != null && !ValueRules.isProfile(profile)) {
            throw fail(c.pointer(Entry::profile, "/profile"), Quote.of(profile) + " is not a profile name ("
                    + ValueRules.PROFILE_RULE + ")");
        }
        return profile;
    }

    private static Hooks hooks(HookLists lists) {
        return lists == null ? Hooks.NONE : new Hooks(lists.pre(), lists.post(), lists.deploy());
    }

    private Failure.BadInput fail(String pointer, String message) {
        return positions.fail(pointer, message);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
