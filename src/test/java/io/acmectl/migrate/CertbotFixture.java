package io.acmectl.migrate;

import io.acmectl.crypto.Pem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/** A certbot configuration directory written by hand, file for file as certbot 2.x writes it. */
public final class CertbotFixture {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final KeyPair CA = io.acmectl.core.KeyType.EC256.generate();

    public final Path root;

    public CertbotFixture(Path root) {
        this.root = root;
    }

    /** accounts/HOST/PATH/ID/ with a JWK key (0400), regr.json and meta.json. */
    public void account(String serverPath, String id, String url, KeyPair key, String contact) throws Exception {
        Path folder = root.resolve("accounts").resolve(serverPath).resolve(id);
        Files.createDirectories(folder);
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.getPublic());
        jwk.setPrivateKey(key.getPrivate());
        Path keyFile = folder.resolve("private_key.json");
        Files.writeString(keyFile, jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        Files.writeString(folder.resolve("regr.json"), "{\"body\": {" + (contact == null ? ""
                : "\"contact\": [\"" + contact + "\"]") + "}, \"uri\": \"" + url + "\"}");
        Files.writeString(folder.resolve("meta.json"),
                "{\"creation_dt\": \"2024-03-04T05:06:07Z\", \"creation_host\": \"example\"}");
    }

    /** archive/NAME/*N.pem for a certificate of these names and key; returns the certificate. */
    public X509Certificate version(String name, int number, KeyPair key, String... names) throws Exception {
        Path archive = root.resolve("archive").resolve(name);
        Files.createDirectories(archive);
        X509Certificate leaf = certificate(key, names);
        X509Certificate intermediate = certificate(CA, "intermediate.test");
        String cert = Pem.certificate(leaf);
        String chain = Pem.certificate(intermediate);
        Files.writeString(archive.resolve("cert" + number + ".pem"), cert);
        Files.writeString(archive.resolve("chain" + number + ".pem"), chain);
        Files.writeString(archive.resolve("fullchain" + number + ".pem"), cert + chain);
        Path privkey = archive.resolve("privkey" + number + ".pem");
        Files.writeString(privkey, Pem.keyPair(key));
        Files.setPosixFilePermissions(privkey, PosixFilePermissions.fromString("rw-------"));
        return leaf;
    }

    /** live/NAME/{cert,chain,fullchain,privkey}.pem as links to version {@code number}. */
    public void live(String name, int number) throws Exception {
        Path live = root.resolve("live").resolve(name);
        Files.createDirectories(live);
        for (String part : List.of("cert", "chain", "fullchain", "privkey")) {
            Path link = live.resolve(part + ".pem");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("..", "..", "archive", name, part + number + ".pem"));
        }
    }

    public void renewal(String name, String conf) throws Exception {
        Files.createDirectories(root.resolve("renewal"));
        Files.writeString(root.resolve("renewal").resolve(name + ".conf"), conf, StandardCharsets.UTF_8);
    }

    /** The top of a renewal file as certbot writes it, pointing at this fixture's folders. */
    public String head(String name) {
        return "# renew_before_expiry = 30 days\nversion = 2.1.0\narchive_dir = " + root.resolve("archive")
                .resolve(name) + "\ncert = " + root.resolve("live").resolve(name).resolve("cert.pem") + "\n\n"
                + "# Options used in the renewal process\n[renewalparams]\n";
    }

    static X509Certificate certificate(KeyPair key, String... names) throws Exception {
        Instant now = Instant.now();
        GeneralName[] sans = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            sans[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=fixture CA"),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + names[0]), key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(CA.getPrivate())));
    }
}
