package io.acmectl.config;

import io.acmectl.config.WantListYaml.Entry;
import io.acmectl.config.WantListYaml.HookLists;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.Identifier;
import io.acmectl.core.Identifiers;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.Quote;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.Verify;
import io.acmectl.core.WantList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The checks after binding: applies the defaults, checks every value and builds the core types.
 * Each error says where its value stands, through {@link Positions}. Every check of an entry runs,
 * so an entry with several mistakes shows them all at once.
 */
final class WantListValidator {
    private static final Function<Entry, String> KEY_TYPE = e -> e.key() == null ? null : e.key().type();
    private static final Function<Entry, Boolean> KEY_REUSE = e -> e.key() == null ? null : e.key().reuse();

    private final Positions positions;
    private final String defaultServer;
    private final GuardSettings guard;
    private final ChallengeSettings challenges;
    private final ReportSettings reports;
    /** Where the errors of what is being checked go: one validator checks one thing at a time. */
    private List<Failure.BadInput> errors = new ArrayList<>();

    WantListValidator(Positions positions, String defaultServer, GuardSettings guard) {
        this.positions = positions;
        this.defaultServer = defaultServer;
        this.guard = guard;
        this.challenges = new ChallengeSettings(positions);
        this.reports = new ReportSettings(positions);
    }

    /**
     * What {@code defaults} sets, checked once, before any entry: a mistake there would be every
     * entry's, so none could be trusted, and the first in file order is thrown.
     */
    void checkDefaults(Entry defaults) {
        if (defaults.name() != null || defaults.domains() != null) {
            throw fail("/defaults", "name and domains belong to a certificate, not to defaults");
        }
        errors = new ArrayList<>();
        Layers c = new Layers(Entry.EMPTY, defaults, "/defaults");
        if (defaults.server() != null) {
            attempt(() -> server(c));
        }
        attempt(() -> keyType(c));
        attempt(() -> renewBefore(c));
        attempt(() -> profile(c));
        attempt(() -> preferredChain(c));
        emails(c);
        attempt(() -> verify(c));
        if (defaults.challenge() != null) {
            attempt(() -> challenges.of(c, null, errors));
        }
        if (!errors.isEmpty()) {
            throw positions.inFileOrder(errors).get(0);
        }
    }

    /** The value a check gives, or null when it failed: its error is kept and the next check runs. */
    private <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (Failure.BadInput e) {
            errors.add(e);
            return null;
        }
    }

    /**
     * One certificate entry ({@code base}: where it stands, {@code /certificates/3}) over the defaults,
     * or null with its errors added to {@code found}. Every check runs and each error is kept; checks
     * that need another's result (a name provable by its challenge, inside the policy) run when it is there.
     */
    WantList.Wanted certificate(Entry own, Entry defaults, String base, List<Failure.BadInput> found) {
        errors = found;
        Layers c = new Layers(own, defaults, base);
        CertificateName name = attempt(() -> name(c));
        List<String> domains = domains(c);
        CaServer server = attempt(() -> server(c));
        KeyType keyType = attempt(() -> keyType(c));
        RenewBefore renewBefore = attempt(() -> renewBefore(c));
        ChallengeChoice challenge = attempt(() -> challenges.of(c, domains, errors));
        String profile = attempt(() -> profile(c));
        String preferredChain = attempt(() -> preferredChain(c));
        List<String> emails = emails(c);
        Verify verify = attempt(() -> verify(c));
        if (domains != null && challenge != null) {
            provable(c, challenge);
        }
        if (domains != null) {
            errors.addAll(guard.outside(c.own().domains(), domains, c.base() + "/domains/"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        CertificateSpec spec = CertificateSpec.builder(server, domains, challenge)
                .key(new KeySpec(keyType, c.pick(KEY_REUSE, false)))
                .profile(profile)
                .preferredChain(preferredChain)
                .renewBefore(renewBefore)
                .hooks(hooks(c.own().hooks()))
                .verify(verify)
                .build();
        return new WantList.Wanted(name, spec, emails, c.pick(Entry::agreeTos, false));
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
    private void provable(Layers c, ChallengeChoice choice) {
        List<String> given = c.own().domains();
        for (int j = 0; j < given.size(); j++) {
            String pointer = c.base() + "/domains/" + j;
            choice.refusal(Identifiers.parse(given.get(j)))
                    .ifPresent(why -> errors.add(fail(pointer, why)));
        }
    }

    /** Normalised, and www names bring their apex; null when one is invalid (each has its error). */
    private List<String> domains(Layers c) {
        List<String> given = c.own().domains();
        if (given == null || given.isEmpty()) {
            errors.add(fail(given == null ? c.base() : Positions.KEY + c.base() + "/domains",
                    "certificate " + Quote.of(c.own().name()) + " needs at least one domain under 'domains'"));
            return null;
        }
        List<String> domains = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            try {
                domains.add(Identifiers.parse(given.get(j)).value());
            } catch (Failure.BadInput e) {
                errors.add(fail(c.base() + "/domains/" + j, e.getMessage()));
            }
        }
        if (domains.size() < given.size()) {
            return null;
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
        return Identifiers.parseAll(withApex).stream().map(Identifier::value).toList();
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

    /** Each one that is no e-mail address has its error. */
    private List<String> emails(Layers c) {
        List<String> emails = c.pick(Entry::email, List.of());
        for (int j = 0; j < emails.size(); j++) {
            if (!ValueRules.isEmail(emails.get(j))) {
                errors.add(fail(c.pointer(Entry::email, "/email/" + j),
                        Quote.of(emails.get(j)) + " is not an e-mail address"));
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

    /** The deploy check, the entry's or else the defaults' (one TLS server may serve every certificate). */
    private Verify verify(Layers c) {
        return reports.verify(c.pick(Entry::verify, null), c.pointer(Entry::verify, "/verify"));
    }

    /** The issuer common name of the chain to prefer, as the command line takes it. */
    private String preferredChain(Layers c) {
        String issuer = c.pick(Entry::preferredChain, null);
        if (issuer != null && !ValueRules.isIssuerName(issuer)) {
            throw fail(c.pointer(Entry::preferredChain, "/preferred-chain"), "preferred-chain " + Quote.of(issuer)
                    + " is not " + ValueRules.ISSUER_NAME_RULE);
        }
        return issuer;
    }

    static Hooks hooks(HookLists lists) {
        return lists == null ? Hooks.NONE : new Hooks(lists.pre(), lists.post(), lists.deploy());
    }

    private Failure.BadInput fail(String pointer, String message) {
        return positions.fail(pointer, message);
    }
}
