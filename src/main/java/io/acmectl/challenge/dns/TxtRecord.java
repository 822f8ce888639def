package io.acmectl.challenge.dns;

import java.util.List;

/**
 * One TXT value to publish. {@code name}: the absolute owner name with a trailing dot, where the
 * value goes (after any CNAME at {@code _acme-challenge.DOMAIN} was followed); {@code domain}: the
 * identifier it proves, without {@code *.}; {@code remaining}: how many more records of the same
 * order follow this one; {@code allDomains}: every name of the order (certbot's hooks are told these).
 */
public record TxtRecord(String domain, String name, String value, int remaining, List<String> allDomains) {
    public TxtRecord {
        if (!name.endsWith(".")) {
            throw new IllegalArgumentException("a TXT owner name is absolute, with a trailing dot: " + name);
        }
        allDomains = List.copyOf(allDomains);
    }
}
