package io.acmectl.core;

/**
 * What a certificate names and an authorization proves control of (RFC 8555 section 7.1.4): a DNS
 * name, or an IP address (RFC 8738). The value is already normalised; {@link Identifiers#parse} is
 * the one place that turns what a user typed into one.
 */
public record Identifier(Type type, String value) {
    // Written out: a record's own equals and hashCode are linked through invokedynamic at their first
    // call, which every short run pays for again; these are called on every run's path.
    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier that && type == that.type && java.util.Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(type) + java.util.Objects.hashCode(value);
    }

    public enum Type { DNS, IP }

    public static Identifier dns(String normalizedName) {
        return new Identifier(Type.DNS, normalizedName);
    }

    /** An IP identifier; the address must already be in {@link Identifiers#parse}'s normal form. */
    public static Identifier ip(String normalizedAddress) {
        return new Identifier(Type.IP, normalizedAddress);
    }

    public boolean isIp() {
        return type == Type.IP;
    }

    public boolean isWildcard() {
        return type == Type.DNS && DomainName.isWildcard(value);
    }

    /** The name a wildcard {@code *.NAME} stands under ({@code NAME}); any other identifier's value. */
    public String base() {
        return isWildcard() ? value.substring(2) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
