package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run at the start of every edit, under the lineage's lock: finds what a run stopped half-way (a
 * crash, a kill, a power cut) left and completes or undoes it, so the edit starts from a whole
 * lineage. Each repair is logged at WARN and returned, for the flow to report.
 *
 * <ul>
 *   <li>{@code renewal/NAME.json} missing or of another version than the live one (a run stopped
 *       after the switch): rewritten from the live version's own record (derived from its
 *       certificate if that is missing too);</li>
 *   <li>an earlier layout's {@code live/NAME} folder whose links name different versions (an earlier
 *       acmectl stopped between them): the newest complete version made live, in the new layout;</li>
 *   <li>{@code live/NAME} moved aside for a migration and not replaced: put back;</li>
 *   <li>a pending order placed when the lineage was at another version than now (a run stored its
 *       certificate and was stopped before it dropped the record), or one that cannot be read, or a
 *       pending key without its record (a run stopped between the two): removed.</li>
 * </ul>
 */
final class LineageRepair {
    private static final Logger LOG = LoggerFactory.getLogger(LineageRepair.class);

    private final LineageFiles files;
    private final LineagePaths paths;
    private final LineageWriter writer;
    /** The record the repair read and found to be the one live/ serves: what the edit reads first. */
    private StoredCertificate recordServed;

    LineageRepair(LineageFiles files, LineagePaths paths, LineageWriter writer) {
        this.files = files;
        this.paths = paths;
        this.writer = writer;
    }

    List<String> run() {
        List<String> repairs = new ArrayList<>();
        try {
            if (Leftovers.restoreAside(paths.live)) {
                repairs.add("put back " + paths.live + ", which a stopped run had moved aside");
            }
            Served served = Served.of(paths);
            if (served.isFolder() && served.torn()) {
                repairTorn(served).ifPresent(repairs::add);
            } else if (served.isLink()) {
                repairCopy(served.version()).ifPresent(repairs::add);
            }
            repairPending().ifPresent(repairs::add);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot repair certificate " + paths.name + ": " + e.getMessage(), e);
        }
        repairs.forEach(repair -> LOG.warn("{}: {}", paths.name, repair));
        return List.copyOf(repairs);
    }

    /**
     * After a {@link #run} that repaired nothing: the record it read on the way, which is what the
     * lineage's record reads as while the lock is held and nothing is written (empty if it read none).
     */
    Optional<StoredCertificate> servedRecord() {
        return Optional.ofNullable(recordServed);
    }

    private Optional<String> repairPending() {
        boolean recorded = Files.isRegularFile(paths.pendingOrder(), LinkOption.NOFOLLOW_LINKS);
        if (!recorded) {
            if (!Files.exists(paths.pendingKey(), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            writer.dropPending();
            return Optional.of("removed " + paths.pendingKey() + ", the key of an order a stopped run never recorded");
        }
        Optional<PendingOrder> pending = files.pendingOrder(paths.name);
        if (pending.isEmpty()) {
            writer.dropPending();
            return Optional.of("removed " + paths.pendingOrder() + ", which cannot be read");
        }
        int now = files.read(paths.name).map(StoredCertificate::version).orElse(0);
        if (pending.get().replacing() == now) {
            return Optional.empty(); // an order still to complete: the next order of this lineage resumes it
        }
        writer.dropPending();
        return Optional.of("removed the record of the order " + pending.get().order() + ", placed at version "
                + pending.get().replacing() + ": the lineage is at version " + now + " (a run stored its certificate "
                + "and was stopped before it removed the record)");
    }

    private Optional<String> repairTorn(Served served) throws IOException {
        if (served.servesNothing() || !Files.isRegularFile(paths.mirror)) {
            return Optional.empty(); // no complete version, or never a lineage: nothing to make whole
        }
        StoredCertificate base = LineageFiles.record(paths.mirror, paths.name);
        StoredCertificate truth = base.version() == served.version() ? base
                : files.derive(paths, base, served.version());
        byte[] record = Documents.bytes(LineageRecord.of(truth));
        writer.removeLeftovers();
        writer.switchTo(served.version(), record);
        AtomicFiles.write(paths.mirror, record, AtomicFiles.PUBLIC);
        return Optional.of(paths.live + " linked the files of different versions " + served.links().values()
                + " (a run was stopped between them): now version " + served.version() + ", whole");
    }

    private Optional<String> repairCopy(int version) throws IOException {
        Optional<StoredCertificate> copy = Files.isRegularFile(paths.mirror)
                ? Optional.of(LineageFiles.record(paths.mirror, paths.name)) : Optional.empty();
        if (copy.isPresent() && copy.get().version() == version) {
            recordServed = copy.get();
            return Optional.empty();
        }
        Path own = paths.metadata(version);
        byte[] record;
        if (Files.isRegularFile(own)) {
            record = Files.readAllBytes(own);
        } else if (copy.isPresent()) {
            record = Documents.bytes(LineageRecord.of(files.derive(paths, copy.get(), version)));
            writer.removeLeftovers();
            AtomicFiles.write(own, record, AtomicFiles.PUBLIC);
        } else {
            return Optional.empty(); // nothing to go by: reading it says there is no such lineage
        }
        writer.removeLeftovers();
        AtomicFiles.write(paths.mirror, record, AtomicFiles.PUBLIC);
        return Optional.of(copy.isEmpty() ? paths.mirror + " was missing: written from version " + version
                + ", which live/ serves" : paths.mirror + " said version " + copy.get().version() + " but live/ "
                + "serves version " + version + " (a run was stopped between the two): rewritten");
    }
}
