package io.acmectl.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Enumeration;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * Which keys acmectl signs with: what ACME CAs accept for accounts and certificates, EC on P-256 or
 * P-384 and RSA of 2048 bits or more. Anything else is named ("an Ed25519 key", "an EC key on curve
 * secp256k1") so a refusal says what the file holds, not what went wrong inside a library.
 */
final class AcceptedKeys {
    static final String ACCEPTED = "acmectl takes EC keys on P-256 or P-384 and RSA keys of 2048 bits or more";
    static final int MIN_RSA_BITS = 2048;

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    private static final Map<String, String> CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");
    private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
            "1.3.101.112", "an Ed25519 key", "1.3.101.113", "an Ed448 key", "1.3.101.110", "an X25519 key",
            "1.3.101.111", "an X448 key", "1.2.840.10040.4.1", "a DSA key", "1.2.840.113549.1.1.10",
            "an RSASSA-PSS key", "1.2.840.113549.1.3.1", "a Diffie-Hellman key");

    private AcceptedKeys() {}

    /** Why a private key's algorithm or curve cannot be read into a key we use, or null when it can. */
    static String unusable(PrivateKeyInfo info) {
        String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        if (algorithm.equals(RSA)) {
            return null;
        }
        if (!algorithm.equals(EC)) {
            return refused(OTHER_ALGORITHMS.getOrDefault(algorithm, "a key of algorithm " + algorithm));
        }
        if (!(info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return refused("an EC key with explicit curve parameters");
        }
        return CURVES.containsKey(curve.getId()) ? null : refused("an EC key on curve " + curveName(curve));
    }

    /** Why a key pair will not be used to sign for a CA, or null when it will. */
    static String refusal(KeyPair pair) {
        PublicKey key = pair.getPublic();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS ? null : "a " + bits + "-bit RSA key, which is too small: " + ACCEPTED;
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveName(ec.getParams());
            return curve.equals("P-256") || curve.equals("P-384") ? null : refused("an EC key on curve " + curve);
        }
        return refused("a" + ("AEIOU".indexOf(key.getAlgorithm().charAt(0)) >= 0 ? "n " : " ") + key.getAlgorithm()
                + " key");
    }

    private static String refused(String what) {
        return what + ", which ACME does not accept: " + ACCEPTED;
    }

    private static String curveName(ASN1ObjectIdentifier curve) {
        String name = CURVES.getOrDefault(curve.getId(), ECNamedCurveTable.getName(curve));
        return name != null ? name : curve.getId();
    }

    /** The name of a JCA curve, found by its order and field among the curves Bouncy Castle knows. */
    private static String curveName(ECParameterSpec params) {
        BigInteger order = params.getOrder();
        int fieldSize = params.getCurve().getField().getFieldSize();
        for (Map.Entry<String, String> known : CURVES.entrySet()) {
            X9ECParameters x9 = ECNamedCurveTable.getByOID(new ASN1ObjectIdentifier(known.getKey()));
            if (x9.getN().equals(order) && x9.getCurve().getFieldSize() == fieldSize) {
                return known.getValue();
            }
        }
        Enumeration<?> names = ECNamedCurveTable.getNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            X9ECParameters x9 = ECNamedCurveTable.getByName(name);
            if (x9 != null && x9.getN().equals(order) && x9.getCurve().getFieldSize() == fieldSize) {
                return name;
            }
        }
        return "(unnamed, " + fieldSize + " bits)";
    }
}
