package io.acmectl.crypto;

import io.acmectl.core.Identifiers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what the CA sent before it replaces anything: a certificate that does not match our key,
 * or covers other names than we asked for, must never reach {@code live/}. DNS names compare
 * lower-cased; IP addresses (iPAddress SANs, RFC 8738) compare in {@link Identifiers}' normal form
 * on both sides (the JDK gives an IPv6 SAN in full form, {@code 0:0:0:0:0:0:0:1}).
 */
public final class CertificateCheck {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateCheck() {}

    /** Returns a description of what is wrong, or null when the certificate is what we asked for. */
    public static String problem(X509Certificate certificate, KeyPair key, Collection<String> names) {
        if (!PublicKeys.same(certificate.getPublicKey(), key.getPublic())) {
            return "the certificate's public key is not the key we sent in the CSR";
        }
        Set<String> asked = lowerCase(names);
        Set<String> covered = subjectAltNames(certificate);
        if (!covered.equals(asked)) {
            return "the certificate covers " + covered + " but " + asked + " was asked for";
        }
        return null;
    }

    public static Set<String> subjectAltNames(X509Certificate certificate) {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS) {
                        names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    } else if (type == SAN_IP) {
                        names.add(ipSan(san.get(1).toString()));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName: " + e.getMessage(), e);
        }
        return names;
    }

    private static Set<String> lowerCase(Collection<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(Identifiers.looksLikeIp(n) ? Identifiers.parse(n).value()
                : n.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The JDK's text of an iPAddress SAN (a literal: getByName parses it, never looks it up) in normal form. */
    private static String ipSan(String text) {
        try {
            return Identifiers.normalize(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unreadable iPAddress subjectAltName " + text, e);
        }
    }
}
