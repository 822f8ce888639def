package io.acmectl.migrate;

import io.acmectl.core.CaServer;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeyType;
import io.acmectl.core.Quote;
import io.acmectl.core.RenewBefore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code renewal/NAME.conf} says, in acmectl's terms, and what of it cannot be carried over
 * ({@code notes}, one line each, never a value that may be a secret). {@code challenges} is null when
 * certbot's authenticator has no counterpart here (a DNS plugin, manual, nginx, apache); {@code keyType}
 * is null when the file names none (certbot before 1.10: the key itself says).
 */
record RenewalSettings(CaServer server, String accountId, ChallengeChoice challenges, KeyType keyType,
        boolean reuseKey, Hooks hooks, String preferredChain, RenewBefore renewBefore, List<String> notes) {

    /** Read, and dropped without a word: they only steer certbot itself, or are carried over. */
    private static final Set<String> KNOWN = Set.of("account", "server", "authenticator", "installer",
            "webroot_path", "http01_port", "http01_address", "key_type", "rsa_key_size", "elliptic_curve",
            "pre_hook", "post_hook", "renew_hook", "deploy_hook", "reuse_key", "preferred_chain", "config_dir",
            "work_dir", "logs_dir", "user_agent", "manual_public_ip_logging_ok", "strict_permissions",
            "issuance_timeout", "disable_renew_updates", "preferred_challenges", "pref_challs", "manual_auth_hook",
            "manual_cleanup_hook", "autorenew", "must_staple", "allow_subset_of_names", "no_verify_ssl");
    private static final Pattern RENEW_BEFORE = Pattern.compile("(\\d+)\\s*(d|days?|w|weeks?|h|hours?)",
            Pattern.CASE_INSENSITIVE);

    RenewalSettings {
        notes = List.copyOf(notes);
    }

    /** {@code file}: the conf's name, for the notes; {@code names}: the certificate's, for a webroot map. */
    static RenewalSettings of(ConfigObj.Section conf, String file, List<String> names) {
        ConfigObj.Section params = conf.child("renewalparams");
        List<String> notes = new ArrayList<>();
        String serverUrl = params.text("server").orElseThrow(() -> new Failure.BadInput(file
                + ": no server in [renewalparams]"));
        CaServer server = CaServer.resolve(serverUrl);
        ChallengeChoice challenges = new ChallengeMapping(params, file, names, notes).challenges();
        KeyType keyType = keyType(params, file, notes);
        Hooks hooks = new Hooks(list(params, "pre_hook"), list(params, "post_hook"), deployHooks(params));
        RenewBefore renewBefore = renewBefore(conf, file, notes);
        unusual(params, file, notes);
        return new RenewalSettings(server, params.text("account").orElse(null), challenges, keyType,
                params.text("reuse_key").map(RenewalSettings::isTrue).orElse(false), hooks,
                params.text("preferred_chain").orElse(null), renewBefore, notes);
    }

    private static List<String> list(ConfigObj.Section params, String key) {
        return params.text(key).map(List::of).orElse(List.of());
    }

    /** certbot keeps --deploy-hook as renew_hook (its older name); a hand-written deploy_hook counts too. */
    private static List<String> deployHooks(ConfigObj.Section params) {
        List<String> all = new ArrayList<>(list(params, "renew_hook"));
        list(params, "deploy_hook").stream().filter(h -> !all.contains(h)).forEach(all::add);
        return all;
    }

    private static KeyType keyType(ConfigObj.Section params, String file, List<String> notes) {
        String type = params.text("key_type").orElse(null);
        if (type == null) {
            return null;
        }
        String wanted = switch (type.toLowerCase(Locale.ROOT)) {
            case "rsa" -> "rsa" + params.text("rsa_key_size").orElse("2048");
            case "ecdsa" -> switch (params.text("elliptic_curve").orElse("secp256r1")) {
                case "secp256r1" -> "ec256";
                case "secp384r1" -> "ec384";
                default -> null;
            };
            default -> null;
        };
        try {
            return KeyType.parse(wanted == null ? "?" : wanted);
        } catch (Failure.BadInput e) {
            notes.add(file + ": key type " + type + " " + params.text("rsa_key_size").or(() ->
                    params.text("elliptic_curve")).orElse("") + " is not one acmectl makes (" + KeyType.names()
                    + "): the imported key's type is used");
            return null;
        }
    }

    private static RenewBefore renewBefore(ConfigObj.Section conf, String file, List<String> notes) {
        String text = conf.text("renew_before_expiry").orElse(null);
        if (text == null) {
            return RenewBefore.AUTO;
        }
        Matcher matcher = RENEW_BEFORE.matcher(text.strip());
        if (!matcher.matches()) {
            notes.add(file + ": renew_before_expiry " + Quote.of(text) + " is not carried over (acmectl takes "
                    + "days or hours): renew-before is auto");
            return RenewBefore.AUTO;
        }
        long amount = Long.parseLong(matcher.group(1));
        char unit = Character.toLowerCase(matcher.group(2).charAt(0));
        return RenewBefore.parse(unit == 'w' ? amount * 7 + "d" : amount + String.valueOf(unit));
    }

    /** Settings that change what certbot did, which acmectl does otherwise or not at all. */
    private static void unusual(ConfigObj.Section params, String file, List<String> notes) {
        params.text("installer").ifPresent(installer -> notes.add(file + ": installer " + installer
                + " is not carried over: reload the web server in a deploy hook"));
        if (params.text("must_staple").map(RenewalSettings::isTrue).orElse(false)) {
            notes.add(file + ": must_staple is not carried over (acmectl requests no OCSP must-staple)");
        }
        if (params.text("autorenew").map(v -> !isTrue(v)).orElse(false)) {
            notes.add(file + ": autorenew = False is not carried over: acmectl renew --all renews it");
        }
        if (params.text("no_verify_ssl").map(RenewalSettings::isTrue).orElse(false)) {
            notes.add(file + ": no_verify_ssl is not carried over: trust the CA with --ca-bundle");
        }
        for (String key : params.values().keySet()) {
            if (!KNOWN.contains(key) && !ChallengeMapping.ownsKey(params, key)) {
                notes.add(file + ": setting " + key + " is not carried over");
            }
        }
        for (String child : params.children().keySet()) {
            if (!child.equals("webroot_map")) {
                notes.add(file + ": section [[" + child + "]] is not carried over");
            }
        }
    }

    static boolean isTrue(String value) {
        return value.strip().equalsIgnoreCase("true");
    }
}
