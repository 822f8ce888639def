package io.acmectl.core;

import java.util.regex.Pattern;

/** The name of a certificate lineage in the store: a folder and file name, so nothing that could escape it. */
public record CertificateName(String value) implements Comparable<CertificateName> {
    // Written out: a record's own equals and hashCode are linked through invokedynamic at their first
    // call, which every short run pays for again; these are called on every run's path.
    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateName that && java.util.Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CertificateName {
        if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
            throw new Failure.BadInput("invalid certificate name " + Quote.of(value)
                    + ": use letters, digits, '.', '_' and '-' (at most 128)");
        }
    }

    public static CertificateName of(String value) {
        return new CertificateName(value);
    }

    /**
     * certbot's choice when none is given: the first name, less a wildcard's "*.". An IPv6 address
     * has each ':' as '-' ({@code 2001:db8::1} is {@code 2001-db8--1}, {@code ::1} is {@code 0--1}: a
     * name starts with a letter or digit); an IPv4 address is a name as it is.
     */
    public static CertificateName defaultFor(String firstDomain) {
        if (firstDomain.indexOf(':') >= 0) {
            String mapped = firstDomain.replace(':', '-');
            return new CertificateName(mapped.startsWith("-") ? "0" + mapped : mapped);
        }
        return new CertificateName(firstDomain.replaceFirst("^\\*\\.", ""));
    }

    @Override
    public int compareTo(CertificateName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
