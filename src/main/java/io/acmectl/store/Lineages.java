package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.StoredCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The certificate lineages of a store. Reading needs no lock; writing is only possible inside
 * {@link #edit}, which holds the lineage's lock for the whole of the work, so a renewal and a
 * revocation of the same certificate can never interleave.
 */
public interface Lineages {
    /** The stored lineages' names, sorted, without parsing their metadata. */
    List<CertificateName> names();

    Optional<StoredCertificate> find(CertificateName name);

    /** The newest version's certificate (from the archive, so it works after a revocation's --delete). */
    X509Certificate certificate(StoredCertificate lineage);

    /**
     * What changes whenever the lineage's record or the version {@code live/} serves does (a write of
     * acmectl's, a hand edit, a run that stopped half-way); null when there is nothing to tell it by.
     * Compared, never parsed: {@link NotDueMemo}.
     */
    String stamp(CertificateName name);

    /** Where the live files of a lineage are (what web servers and deploy hooks are pointed at). */
    LiveFiles live(CertificateName name);

    /**
     * Runs {@code work} holding the lineage's lock, which another run may hold: then it fails with
     * {@link io.acmectl.core.Failure.Locked} at once, without waiting.
     */
    <T> T edit(CertificateName name, Function<LineageEditor, T> work);
}
