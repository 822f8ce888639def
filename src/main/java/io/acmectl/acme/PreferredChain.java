package io.acmectl.acme;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks among the chains a CA offers for one certificate (RFC 8555 section 7.4.2, Link
 * rel="alternate") as certbot does: the first, the default chain before the alternates, whose
 * topmost certificate was issued by the preferred common name; none matching, the default chain.
 * Each alternate is downloaded only while none matched, and at most {@link #MAX_ALTERNATES} are.
 */
final class PreferredChain {
    /** Let's Encrypt offers one alternate, Pebble as many as it is told: a few are plenty. */
    static final int MAX_ALTERNATES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(PreferredChain.class);

    private PreferredChain() {}

    /** The chain, leaf first, of {@code certificate} (downloaded) or of its alternate issued by {@code issuer}. */
    static List<X509Certificate> pick(Certificate certificate, String issuer) throws AcmeException {
        List<X509Certificate> chain = certificate.getCertificateChain();
        if (issuer == null || issuedBy(chain, issuer)) {
            return chain;
        }
        List<Certificate> alternates = certificate.getAlternateCertificates();
        for (Certificate alternate : alternates.subList(0, Math.min(alternates.size(), MAX_ALTERNATES))) {
            alternate.download();
            if (issuedBy(alternate.getCertificateChain(), issuer)) {
                LOG.debug("taking the alternate chain {}, issued by {}", alternate.getLocation(), issuer);
                return alternate.getCertificateChain();
            }
        }
        LOG.info("none of the {} chain(s) the CA offers has a top certificate issued by \"{}\": keeping its "
                + "default chain, issued by \"{}\"", alternates.size() + 1, issuer, topIssuer(chain).orElse("?"));
        return chain;
    }

    private static boolean issuedBy(List<X509Certificate> chain, String issuer) {
        return topIssuer(chain).filter(issuer::equals).isPresent();
    }

    /** The common name of the issuer of the chain's topmost certificate. */
    static Optional<String> topIssuer(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        X500Name name = X500Name.getInstance(chain.get(chain.size() - 1).getIssuerX500Principal().getEncoded());
        RDN[] common = name.getRDNs(BCStyle.CN);
        return common.length == 0 ? Optional.empty()
                : Optional.of(IETFUtils.valueToString(common[0].getFirst().getValue()));
    }
}
