package io.acmectl.testing;

import io.acmectl.core.KeyType;
import io.acmectl.crypto.Pem;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;

/** Key files of every kind a user might hand over by mistake, as the text of the file (PEM or JWK). */
public final class BadKeys {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private BadKeys() {}

    public static String pem(String kind) throws Exception {
        return switch (kind) {
            case "garbage" -> "this is not a key\n";
            case "encrypted-pkcs8" -> write(new JcaPKCS8Generator(KeyType.EC256.generate().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BC)
                            .setRandom(new SecureRandom()).setPassword("secret".toCharArray()).build()).generate());
            case "encrypted-traditional" -> encryptedTraditional();
            case "rsa1024" -> pkcs8(generate("RSA", 1024));
            case "secp256k1" -> pkcs8(curve("secp256k1"));
            case "ed25519" -> pkcs8(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            case "certificate" -> Pem.certificate(TestCertificates.certificateAuthority().certificate());
            case "public" -> "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    KeyType.EC256.generate().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            case "jwk-public" -> "{\"kty\":\"EC\",\"crv\":\"P-256\","
                    + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                    + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
            case "world-readable", "ec256" -> Pem.keyPair(KeyType.EC256.generate());
            case "p384" -> Pem.keyPair(KeyType.EC384.generate());
            case "p521" -> pkcs8(curve("secp521r1"));
            case "dsa-traditional" -> write(generate("DSA", 2048));
            case "rsa-traditional" -> write(generate("RSA", 2048));
            case "certificate-then-key" -> pem("certificate") + Pem.keyPair(KeyType.EC256.generate());
            case "huge" -> Pem.keyPair(KeyType.EC256.generate()) + "#".repeat(2 << 20);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static KeyPair curve(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(name));
        return generator.generateKeyPair();
    }

    private static String pkcs8(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String encryptedTraditional() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(generate("RSA", 2048), new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(BC).build("secret".toCharArray()));
        }
        return out.toString();
    }

    private static String write(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
