package io.acmectl.core;

import java.util.Set;

/**
 * The registered domain of a name (its public suffix plus one label: {@code example.co.uk} for
 * {@code www.example.co.uk}), which Let's Encrypt counts certificates by.
 *
 * <p>An approximation: Let's Encrypt uses the whole Public Suffix List, which acmectl does not carry
 * (it changes weekly, and a stale copy is no better). Here it is the last two labels, or three when
 * the last two are one of the well-known two-level public suffixes below. The error only ever runs
 * one way: a suffix missing from the list (a city under {@code .jp}, {@code github.io}) makes the
 * "registered domain" shorter than Let's Encrypt's, so more certificates are counted together and
 * the guard stops earlier than the CA would, never later. So only suffixes that really are public
 * belong in the list: one that is not would split a domain and let the guard count too little.
 */
public final class RegisteredDomain {
    private static final Set<String> TWO_LEVEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk", "nhs.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au", "asn.au",
            "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
            "co.kr", "or.kr", "ne.kr", "go.kr", "ac.kr",
            "com.br", "net.br", "org.br", "gov.br", "edu.br",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
            "com.tw", "net.tw", "org.tw", "edu.tw",
            "com.hk", "net.hk", "org.hk", "edu.hk",
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in",
            "co.za", "org.za", "net.za", "gov.za", "ac.za",
            "com.mx", "org.mx", "net.mx", "gob.mx", "edu.mx",
            "com.ar", "com.tr", "com.sg", "com.my", "com.ua", "com.vn", "com.ph", "com.pk", "com.ng",
            "co.id", "or.id", "ac.id", "co.il", "org.il", "ac.il", "co.th", "in.th", "ac.th", "co.at", "or.at");

    private RegisteredDomain() {}

    /** {@code name}: normalised; a wildcard counts for the name below its {@code *.}. */
    public static String of(String name) {
        String host = DomainName.isWildcard(name) ? name.substring(2) : name;
        String[] labels = host.split("\\.");
        int keep = labels.length >= 3
                && TWO_LEVEL_SUFFIXES.contains(labels[labels.length - 2] + "." + labels[labels.length - 1]) ? 3 : 2;
        if (labels.length <= keep) {
            return host;
        }
        return String.join(".", java.util.Arrays.asList(labels).subList(labels.length - keep, labels.length));
    }

    /** Whether {@code name} lies in the registered domain {@code domain}. */
    public static boolean contains(String domain, String name) {
        return of(name).equals(domain);
    }
}
