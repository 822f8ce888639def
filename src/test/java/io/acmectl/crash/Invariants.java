package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.core.CertificateName;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.EarlierLayout;
import io.acmectl.store.FileStore;
import io.acmectl.testing.Metadata;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What must hold of a lineage whatever moment its writer died at, checked on the files themselves. */
final class Invariants {
    private static final Pattern LEFTOVER = Pattern.compile("\\..*\\.[0-9a-f-]{36}\\.(tmp|old)");

    /** The version and serial live/ serves. */
    record Served(int version, String serial) {}

    private Invariants() {}

    /**
     * live/NAME is a complete set (cert, chain, fullchain = cert + chain, the key of the cert), and
     * the store's metadata (what {@code certificates} shows and {@code revoke --cert-name} revokes)
     * is of that very version.
     */
    static Served whole(Path store, String name, String when) throws Exception {
        Path live = store.resolve("live").resolve(name);
        String cert = Files.readString(live.resolve("cert.pem"));
        String chain = Files.readString(live.resolve("chain.pem"));
        assertEquals(cert + chain, Files.readString(live.resolve("fullchain.pem")), when + ": fullchain");
        X509Certificate leaf = Pem.readCertificates(cert, "cert.pem").get(0);
        KeyPair key = Pem.readKeyPair(Files.readString(live.resolve("privkey.pem")), "privkey.pem");
        assertTrue(PublicKeys.same(key.getPublic(), leaf.getPublicKey()), when + ": privkey.pem is not cert.pem's key");
        Served served = new Served(EarlierLayout.servedVersion(store, name), leaf.getSerialNumber().toString(16));
        StoredCertificate known = new FileStore(store).lineages().find(CertificateName.of(name)).orElseThrow(
                () -> new AssertionError(when + ": live/ serves " + served + " of a lineage the store does not know"));
        assertEquals(served, new Served(known.version(), known.serial()), when + ": the metadata");
        return served;
    }

    /** After a run that completed: renewal/NAME.json agrees too, and nothing a stopped run left is there. */
    static Served settled(Path store, String name, String when) throws Exception {
        Served served = whole(store, name, when);
        assertTrue(Files.isSymbolicLink(store.resolve("live").resolve(name)), when + ": live/NAME in the new layout");
        assertEquals(served.version(), Metadata.of(store, name).get("version").asInt(), when + ": renewal/NAME.json");
        assertEquals(served.serial(), Metadata.of(store, name).get("serial").asText(), when + ": renewal/NAME.json");
        List<Path> left = new ArrayList<>(leftovers(store.resolve("live"), "." + name + "."));
        left.addAll(leftovers(store.resolve("renewal"), "." + name + ".json."));
        left.addAll(leftovers(store.resolve("archive").resolve(name), ""));
        left.addAll(leftovers(store.resolve("archive").resolve(name).resolve("v" + served.version()), ""));
        assertEquals(List.of(), left, when + ": left by a stopped run");
        for (String pending : List.of("pending-order.json", "pending-key.pem")) {
            assertFalse(Files.exists(store.resolve("archive").resolve(name).resolve(pending)), when + ": " + pending);
        }
        return served;
    }

    /**
     * The certificate key of the order a stopped run left to complete: the record and its key are
     * there, and the record was made at the version live/ still serves (0: none yet).
     */
    static Optional<KeyPair> pendingKey(Path store, String name, int servedVersion) throws Exception {
        Path archive = store.resolve("archive").resolve(name);
        if (!Files.exists(archive.resolve("pending-order.json"))) {
            return Optional.empty();
        }
        JsonNode record = new ObjectMapper().readTree(archive.resolve("pending-order.json").toFile());
        if (record.get("replacing").asInt() != servedVersion) {
            return Optional.empty(); // its certificate is live already: the next edit removes the record
        }
        return Optional.of(Pem.readKeyPair(Files.readString(archive.resolve("pending-key.pem")), "pending-key.pem"));
    }

    /** Whether live/NAME's certificate is for this key. */
    static boolean serves(Path store, String name, KeyPair key) throws Exception {
        String cert = Files.readString(store.resolve("live").resolve(name).resolve("cert.pem"));
        return PublicKeys.same(key.getPublic(), Pem.readCertificates(cert, "cert.pem").get(0).getPublicKey());
    }

    /** Whether renewal/NAME.json is behind live/: the state issue 12 found revoking the wrong certificate. */
    static boolean copyLags(Path store, String name, Served served) throws Exception {
        return !Files.exists(Metadata.file(store, name))
                || Metadata.of(store, name).get("version").asInt() != served.version();
    }

    static List<Path> leftovers(Path folder, String prefix) throws Exception {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && LEFTOVER.matcher(p.getFileName().toString()).matches()).toList();
        }
    }
}
