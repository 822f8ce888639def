package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The lineages of a {@link MemoryStore}: every version's key and chain in a map, a lock per lineage. */
public final class MemoryLineages implements Lineages {
    private final Path live;
    private final Map<CertificateName, StoredCertificate> metadata = new HashMap<>();
    private final Map<CertificateName, TreeMap<Integer, Version>> versions = new HashMap<>();
    private final Set<CertificateName> inLive = new HashSet<>();
    private final Set<CertificateName> locked = new HashSet<>();
    private final Map<CertificateName, PendingOrder> pending = new HashMap<>();
    /** The number of the last write to each lineage, among all writes: its stamp. */
    private final Map<CertificateName, Long> lastWrite = new HashMap<>();
    private long writes;

    private record Version(KeyPair key, List<X509Certificate> chain) {}

    MemoryLineages(Path live) {
        this.live = live;
    }

    @Override
    public synchronized List<CertificateName> names() {
        return metadata.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized Optional<StoredCertificate> find(CertificateName name) {
        return Optional.ofNullable(metadata.get(name));
    }

    @Override
    public X509Certificate certificate(StoredCertificate lineage) {
        return version(lineage).chain().get(0);
    }

    @Override
    public synchronized String stamp(CertificateName name) {
        return metadata.containsKey(name) && inLive.contains(name) ? "write " + lastWrite.get(name) : null;
    }

    private void written(CertificateName name) {
        lastWrite.put(name, ++writes);
    }

    @Override
    public LiveFiles live(CertificateName name) {
        return new LiveFiles(live.resolve(name.value()));
    }

    /** Whether the lineage's live files would be there: saved, and not taken out since. */
    public synchronized boolean isLive(CertificateName name) {
        return inLive.contains(name);
    }

    @Override
    public <T> T edit(CertificateName name, Function<LineageEditor, T> work) {
        synchronized (this) {
            if (!locked.add(name)) {
                throw StoreLocks.lineageLocked(name);
            }
        }
        try (GuardedLineageEditor editor = new GuardedLineageEditor(name, new Editor(name))) {
            return work.apply(editor);
        } finally {
            synchronized (this) {
                locked.remove(name);
            }
        }
    }

    private synchronized Version version(StoredCertificate lineage) {
        Version version = versions.getOrDefault(lineage.name(), new TreeMap<>()).get(lineage.version());
        if (version == null) {
            throw new Failure.StoreFailure("cannot read version " + lineage.version() + " of " + lineage.name()
                    + ": the memory store holds no such version", null);
        }
        return version;
    }

    private final class Editor implements LineageEditor {
        private final CertificateName name;

        Editor(CertificateName name) {
            this.name = name;
        }

        @Override
        public Optional<StoredCertificate> current() {
            return find(name);
        }

        @Override
        public KeyPair key(StoredCertificate lineage) {
            return version(lineage).key();
        }

        @Override
        public StoredCertificate save(StoredCertificate saved, KeyPair key, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a certificate chain holds at least the certificate");
            }
            synchronized (MemoryLineages.this) {
                TreeMap<Integer, Version> all = versions.computeIfAbsent(name, n -> new TreeMap<>());
                int version = all.isEmpty() ? 1 : all.lastKey() + 1;
                all.put(version, new Version(key, List.copyOf(chain)));
                inLive.add(name);
                StoredCertificate stored = saved.withVersion(version);
                metadata.put(name, stored);
                written(name);
                return stored;
            }
        }

        @Override
        public void update(StoredCertificate updated) {
            synchronized (MemoryLineages.this) {
                metadata.put(name, updated);
                written(name);
            }
        }

        @Override
        public void removeLive() {
            synchronized (MemoryLineages.this) {
                inLive.remove(name);
                written(name);
            }
        }

        @Override
        public void delete() {
            synchronized (MemoryLineages.this) {
                inLive.remove(name);
                metadata.remove(name);
                versions.remove(name);
                pending.remove(name);
                lastWrite.remove(name);
            }
        }

        @Override
        public Optional<PendingOrder> pendingOrder() {
            synchronized (MemoryLineages.this) {
                return Optional.ofNullable(pending.get(name));
            }
        }

        @Override
        public void savePendingOrder(PendingOrder order) {
            synchronized (MemoryLineages.this) {
                pending.put(name, order);
            }
        }

        @Override
        public void dropPendingOrder() {
            synchronized (MemoryLineages.this) {
                pending.remove(name);
            }
        }
    }
}
