package io.acmectl.core;

/**
 * What a certificate names and an authorization proves control of (RFC 8555 section 7.1.4): a DNS
 * name for now; IP addresses (RFC 8738) join as a second type. The value is already normalised.
 */
public record Identifier(Type type, String value) {
    public enum Type { DNS }

    public static Identifier dns(String normalizedName) {
        return new Identifier(Type.DNS, normalizedName);
    }

    public boolean isWildcard() {
        return type == Type.DNS && DomainName.isWildcard(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
