package io.acmectl.core;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The key types acmectl creates, named as on the command line and in stored metadata. */
public enum KeyType {
    EC256("EC", "secp256r1", 256),
    EC384("EC", "secp384r1", 384),
    RSA2048("RSA", null, 2048),
    RSA3072("RSA", null, 3072),
    RSA4096("RSA", null, 4096);

    private final String algorithm;
    private final String curve;
    private final int bits;

    KeyType(String algorithm, String curve, int bits) {
        this.algorithm = algorithm;
        this.curve = curve;
        this.bits = bits;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + this + " keys", e);
        }
    }

    /** The name used on the command line and in files: {@code ec256}, {@code rsa2048}... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    public static KeyType parse(String text) {
        for (KeyType type : values()) {
            if (type.id().equalsIgnoreCase(text.trim())) {
                return type;
            }
        }
        throw new Failure.BadInput("unknown key type " + Quote.of(text) + "; use one of " + names());
    }

    /** The type of an existing key, so a stored key can be described and reused. */
    public static KeyType of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int size = ec.getParams().getCurve().getField().getFieldSize();
            return size > 256 ? EC384 : EC256;
        }
        if (key instanceof RSAPublicKey rsa) {
            int size = rsa.getModulus().bitLength();
            return size > 3072 ? RSA4096 : size > 2048 ? RSA3072 : RSA2048;
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }

    public static String names() {
        return Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", "));
    }
}
