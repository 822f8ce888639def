package io.acmectl.flow;

import io.acmectl.core.CertificateSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Let's Encrypt issues certificates naming an IP address (RFC 8738) only with its
 * {@code shortlived} profile (6 days). A spec for Let's Encrypt (production or staging) with an IP
 * address and no profile gets {@code shortlived}, and says so; with another profile it is refused
 * before anything is asked of the CA: a refused order would count against its rate limits.
 */
final class IpProfileRule {
    static final String SHORTLIVED = "shortlived";
    private static final Logger LOG = LoggerFactory.getLogger(IpProfileRule.class);

    private IpProfileRule() {}

    static CertificateSpec apply(CertificateSpec spec) {
        if (!spec.server().isLetsEncrypt() || spec.identifiers().stream().noneMatch(Identifier::isIp)) {
            return spec;
        }
        if (spec.profile() == null) {
            LOG.info("Let's Encrypt issues certificates for IP addresses only with the '{}' profile (6 days): "
                    + "using it", SHORTLIVED);
            return spec.toBuilder().profile(SHORTLIVED).build();
        }
        if (!spec.profile().equals(SHORTLIVED)) {
            throw new Failure.BadInput("Let's Encrypt issues certificates for IP addresses only with the '"
                    + SHORTLIVED + "' profile, not '" + spec.profile() + "': name --profile " + SHORTLIVED
                    + " or none");
        }
        return spec;
    }
}
