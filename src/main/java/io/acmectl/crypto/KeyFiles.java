package io.acmectl.crypto;

import io.acmectl.core.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Reads a key a user hands us: PEM (PKCS#8 or traditional), or a JWK such as certbot's private_key.json. */
public final class KeyFiles {
    private KeyFiles() {}

    public static KeyPair read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Failure.BadInput("cannot read key file " + file + ": " + e.getMessage());
        }
        try {
            return text.trim().startsWith("{") ? fromJwk(text, file) : Pem.readKeyPair(text, file.toString());
        } catch (IOException e) {
            throw new Failure.BadInput(e.getMessage());
        }
    }

    private static KeyPair fromJwk(String json, Path file) throws IOException {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(json);
            if (jwk instanceof PublicJsonWebKey keyPair && keyPair.getPrivateKey() != null) {
                return new KeyPair(keyPair.getPublicKey(), keyPair.getPrivateKey());
            }
            throw new IOException(file + " is a JWK without a private key");
        } catch (JoseException e) {
            throw new IOException(file + " is neither a PEM key nor a JWK: " + e.getMessage(), e);
        }
    }
}
