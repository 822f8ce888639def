package io.acmectl.core;

import java.util.List;

/**
 * Which names acmectl may order certificates for ({@code policy: allowed-domains} in the want list),
 * checked before every order, whether the names come from the want list, the command line or a
 * stored lineage. A pattern is a name, allowing exactly that name, or {@code *.example.org},
 * allowing every name one label below {@code example.org} (not {@code example.org} itself, nor
 * deeper names), and the wildcard name {@code *.example.org}: the rule of a certificate's own
 * wildcard. So a wildcard name {@code *.a.example.org} is allowed only by the pattern
 * {@code *.a.example.org}, since it stands for names two labels below {@code example.org}.
 * {@link #ANY}: no policy, every name allowed.
 */
public record Policy(List<String> allowedDomains) {
    public static final Policy ANY = new Policy(null);

    /** {@code allowedDomains}: normalised patterns ({@link DomainName#normalize}), or null for none. */
    public Policy {
        allowedDomains = allowedDomains == null ? null : List.copyOf(allowedDomains);
    }

    public boolean restricts() {
        return allowedDomains != null;
    }

    /** {@code name}: normalised. */
    public boolean allows(String name) {
        if (allowedDomains == null) {
            return true;
        }
        for (String pattern : allowedDomains) {
            if (pattern.equals(name) || matchesOneLabel(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    /** The first name the policy does not allow, or null when it allows them all. */
    public String firstRefused(List<String> names) {
        return names.stream().filter(name -> !allows(name)).findFirst().orElse(null);
    }

    /** {@code "example.com, *.example.org"}, for messages. */
    public String describe() {
        return allowedDomains == null ? "any name" : String.join(", ", allowedDomains);
    }

    private static boolean matchesOneLabel(String pattern, String name) {
        if (!DomainName.isWildcard(pattern) || DomainName.isWildcard(name)) {
            return false;
        }
        String parent = pattern.substring(1); // ".example.org"
        return name.endsWith(parent) && name.length() > parent.length()
                && name.indexOf('.') == name.length() - parent.length();
    }
}
