package io.acmectl.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** Public keys: whether two are the same, and the public half of a PKCS#8 private key. */
public final class PublicKeys {
    private PublicKeys() {}

    /** By their encoding: key objects from different providers need not be equal() for the same key. */
    public static boolean same(PublicKey a, PublicKey b) {
        return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    /** The pair of a PKCS#8 private key, which the file need not carry the public half of. */
    static KeyPair complete(org.bouncycastle.asn1.pkcs.PrivateKeyInfo info)
            throws IOException, GeneralSecurityException {
        String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        boolean ec = algorithm.equals("1.2.840.10045.2.1");
        KeyFactory factory = KeyFactory.getInstance(ec ? "EC" : "RSA");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        PublicKey publicKey;
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            publicKey = factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } else if (privateKey instanceof ECPrivateKey ecKey) {
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
                    info.getPrivateKeyAlgorithm().getParameters());
            // BouncyCastle's own arithmetic for the common curves: the generic one takes four times as long.
            X9ECParameters parameters = CustomNamedCurves.getByOID(curve);
            if (parameters == null) {
                parameters = ECNamedCurveTable.getByOID(curve);
            }
            if (parameters == null) {
                throw new GeneralSecurityException("unsupported curve " + curve);
            }
            org.bouncycastle.math.ec.ECPoint q = parameters.getG().multiply(ecKey.getS()).normalize();
            BigInteger x = q.getAffineXCoord().toBigInteger();
            BigInteger y = q.getAffineYCoord().toBigInteger();
            publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), ecKey.getParams()));
        } else {
            throw new GeneralSecurityException("unsupported key algorithm " + algorithm);
        }
        return new KeyPair(publicKey, privateKey);
    }
}
