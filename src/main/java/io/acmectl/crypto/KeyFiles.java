package io.acmectl.crypto;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.files.BoundedFiles;
import io.acmectl.files.Permissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads a key a user hands us: PEM (PKCS#8 or traditional), or a JWK such as certbot's
 * private_key.json. Refused, each with what the file holds and what is accepted: anything but a
 * private file (others may not read it), more than 1 MiB, an encrypted key, and a key no ACME CA
 * takes (RSA under 2048 bits, a curve other than P-256 and P-384, Ed25519...).
 */
public final class KeyFiles {
    public static final long MAX_BYTES = BoundedFiles.MIB;
    private static final String WHAT = "key file";

    private KeyFiles() {}

    public static KeyPair read(Path file) {
        byte[] bytes = BoundedFiles.readBytes(file, MAX_BYTES, WHAT);
        Permissions.checkPrivateFile(file, WHAT);
        String source = WHAT + " " + BoundedFiles.shown(file);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        KeyPair pair;
        try {
            if (text.startsWith("{")) {
                pair = fromJwk(text, source);
            } else if (text.contains("-----BEGIN ")) {
                pair = Pem.readKeyPair(text, source);
            } else {
                throw new IOException(source + " is neither a PEM private key nor a JWK"
                        + (bytes.length > 0 && bytes[0] == 0x30 ? " (it looks like binary DER: convert it with "
                                + "'openssl pkey -inform DER -in FILE -out key.pem')" : ""));
            }
        } catch (IOException e) {
            throw new Failure.BadInput(e.getMessage(), e);
        }
        String refusal = AcceptedKeys.refusal(pair);
        if (refusal != null) {
            throw new Failure.BadInput(source + " holds " + refusal);
        }
        return pair;
    }

    private static KeyPair fromJwk(String json, String source) throws IOException {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(json);
            if (jwk instanceof PublicJsonWebKey keyPair && keyPair.getPrivateKey() != null) {
                return new KeyPair(keyPair.getPublicKey(), keyPair.getPrivateKey());
            }
            throw new IOException(source + " is a JWK without a private key (kty " + jwk.getKeyType() + ")");
        } catch (JoseException | RuntimeException e) {
            throw new IOException(source + " is neither a PEM private key nor a readable JWK: "
                    + Quote.cut(String.valueOf(e.getMessage()), 100), e);
        }
    }
}
