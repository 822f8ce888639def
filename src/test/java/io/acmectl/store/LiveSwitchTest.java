package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CertificateName;
import io.acmectl.core.KeyType;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader beside a run that saves version after version never gets a certificate of one version
 * with the key of another: the whole set switches with one rename. The reader does what a careful
 * consumer does: it resolves {@code live/NAME} once, then reads the files of that set (two opens by
 * path, {@code live/NAME/cert.pem} then {@code live/NAME/privkey.pem}, can straddle a switch in any
 * layout, certbot's included).
 */
class LiveSwitchTest {
    private static final CertificateName NAME = CertificateName.of("www.example.com");
    private static final int VERSIONS = 20;
    private static final int MAX_READS = 1_000_000;

    @TempDir
    Path root;

    private record Reads(int count, List<String> torn, Set<String> serials) {}

    @Test
    void aReaderBesideTwentySavesNeverSeesATornSet() throws Exception {
        FileStore store = new FileStore(root);
        store.open();
        save(store);
        Path live = store.lineages().live(NAME).directory();
        AtomicBoolean saving = new AtomicBoolean(true);
        CountDownLatch firstRead = new CountDownLatch(1);
        FutureTask<Reads> reader = new FutureTask<>(() -> read(live, saving, firstRead));
        new Thread(reader, "live reader").start();
        try {
            assertTrue(firstRead.await(30, TimeUnit.SECONDS), "the reader never read");
            for (int i = 1; i < VERSIONS; i++) {
                save(store);
            }
        } finally {
            saving.set(false);
        }
        Reads reads = reader.get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), reads.torn(), () -> reads.torn().size() + " torn of " + reads.count() + " reads");
        assertTrue(reads.serials().size() > 1, () -> "the reader saw only " + reads.serials() + " in "
                + reads.count() + " reads: it did not run beside the saves");
        assertEquals(VERSIONS, store.lineages().find(NAME).orElseThrow().version());
    }

    private static void save(FileStore store) throws Exception {
        KeyPair key = KeyType.EC256.generate();
        List<X509Certificate> chain = TestChains.chainFor(key, NAME.value());
        store.lineages().edit(NAME, editor -> editor.save(StoreContractTest.issued(NAME), key, chain));
    }

    /** Bounded: stops when the saves are done, or after MAX_READS if they never end. */
    private static Reads read(Path live, AtomicBoolean saving, CountDownLatch firstRead) {
        List<String> torn = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        int count = 0;
        while (saving.get() && count < MAX_READS) {
            count++;
            try {
                Path set = live.toRealPath();
                String certText = Files.readString(set.resolve("cert.pem"));
                X509Certificate cert = Pem.readCertificates(certText, "cert").get(0);
                KeyPair key = Pem.readKeyPair(Files.readString(set.resolve("privkey.pem")), "key");
                String fullchain = Files.readString(set.resolve("fullchain.pem"));
                String chain = Files.readString(set.resolve("chain.pem"));
                String serial = cert.getSerialNumber().toString(16);
                serials.add(serial);
                if (!PublicKeys.same(key.getPublic(), cert.getPublicKey())
                        || !fullchain.equals(certText + chain)) {
                    torn.add(set + ": serial " + serial);
                }
            } catch (Exception e) {
                torn.add("read " + count + " failed: " + e);
            }
            firstRead.countDown();
        }
        return new Reads(count, torn, serials);
    }
}
