package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmectl.core.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/**
 * The ARI CertID (RFC 9773 section 4.1) acme4j computes for {@code replaces} and renewalInfo: the
 * base64url of the AKI keyIdentifier, a dot, and the base64url of the DER serial number's content
 * octets (no tag, no length; a leading 0x00 where DER needs one, none where the value is shorter).
 * Checked against the same bytes read by hand from the certificate's DER (issue 13: a serial whose
 * first random byte is zero is 7 octets long, and Pebble then fails to find the order).
 */
class RenewalIdentifierTest {
    private static final byte[] KEY_ID = HexFormat.of().parseHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");

    @Test
    void theRfcsOwnExampleComesOutAsPrinted() throws Exception {
        // RFC 9773 section 4.1: keyIdentifier 69:88:5B:...:D4, serial 0x0087654321 (DER keeps the 0x00).
        X509Certificate certificate = certificate(new BigInteger("87654321", 16), KEY_ID);
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", AcmeUtils.getRenewalUniqueIdentifier(certificate));
    }

    @Test
    void aSerialWhoseFirstRandomByteIsZeroIsSevenOctetsAsInTheCertificate() throws Exception {
        assertSameAsByHand(new BigInteger(1, HexFormat.of().parseHex("003a1b2c3d4e5f60")), 7);
    }

    @Test
    void aSerialWithItsHighBitSetKeepsTheLeadingZeroOctet() throws Exception {
        assertSameAsByHand(new BigInteger(1, HexFormat.of().parseHex("9a1b2c3d4e5f6071")), 9);
    }

    @Test
    void twoLeadingZeroBytesAndTheLongestSerialAllowed() throws Exception {
        assertSameAsByHand(new BigInteger(1, HexFormat.of().parseHex("00007a1b2c3d4e5f")), 6);
        assertSameAsByHand(new BigInteger(1, HexFormat.of().parseHex("7f" + "ab".repeat(19))), 20);
    }

    private static void assertSameAsByHand(BigInteger serial, int contentOctets) throws Exception {
        X509Certificate certificate = certificate(serial, KEY_ID);
        Certificate der = Certificate.getInstance(certificate.getEncoded());
        byte[] content = contentOctets(der.getTBSCertificate().getSerialNumber());
        assertEquals(contentOctets, content.length, HexFormat.of().formatHex(content));
        assertArrayEquals(serial.toByteArray(), content, "DER content octets are the minimal two's complement");
        byte[] keyId = AuthorityKeyIdentifier.fromExtensions(der.getTBSCertificate().getExtensions())
                .getKeyIdentifier();
        String byHand = base64url(keyId) + "." + base64url(content);
        assertEquals(byHand, AcmeUtils.getRenewalUniqueIdentifier(certificate));
    }

    /** The INTEGER's TLV taken apart by hand: tag 0x02, a short or long form length, the content. */
    private static byte[] contentOctets(ASN1Integer integer) throws Exception {
        byte[] tlv = integer.getEncoded();
        assertEquals(0x02, tlv[0]);
        int offset = 2;
        int length = tlv[1] & 0xff;
        if (length > 0x7f) {
            int octets = length & 0x7f;
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (tlv[2 + i] & 0xff);
            }
            offset += octets;
        }
        assertEquals(tlv.length, offset + length);
        return java.util.Arrays.copyOfRange(tlv, offset, tlv.length);
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static X509Certificate certificate(BigInteger serial, byte[] authorityKeyId) throws Exception {
        KeyPair key = KeyType.EC256.generate();
        X500Name name = new X500Name("CN=serial test");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, key.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
