package io.acmectl.flow;

import io.acmectl.config.WantListLoader;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.IoReasons;
import io.acmectl.migrate.CertbotAccount;
import io.acmectl.migrate.CertbotDirectory;
import io.acmectl.migrate.CertbotExport;
import io.acmectl.migrate.CertbotLineage;
import io.acmectl.migrate.CertbotVersion;
import io.acmectl.migrate.WantListText;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import certbot}: certbot's accounts and certificates into the store, through its repositories
 * (each lineage written under its lock, every file atomically), and its renewal settings as a want
 * list. Contacts no CA: the accounts are certbot's own, and its certificates are kept as they are.
 * Nothing is written while anything imported would replace what the store or the want list holds,
 * unless {@code force}; then each such lineage is deleted and written again in one edit.
 */
public final class CertbotImport {
    private static final Duration ACCOUNT_LOCK_PATIENCE = Duration.ofSeconds(60);

    private final Store store;
    private final Clock clock;

    public CertbotImport(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code wantFile}: where the want list goes; {@code defaultServer}: for loading it back. */
    public record Request(Path certbotDir, Path wantFile, boolean force, String defaultServer) {}

    /**
     * What was imported; {@code notCarriedOver}: certbot's notes, then any want-list entry that does not
     * load (a webroot that is gone), one line each.
     */
    public record Result(List<StoredAccount> accounts, List<StoredCertificate> certificates, Path wantFile,
            List<String> notCarriedOver) {}

    public Result run(Request request) {
        CertbotExport export = CertbotDirectory.read(request.certbotDir());
        if (export.directory().equals(store.root().toAbsolutePath().normalize())) {
            throw new Failure.BadInput(export.directory() + " is this acmectl store itself: import into another "
                    + "--config-dir");
        }
        if (!request.force()) {
            refuseToReplace(export, request.wantFile());
        }
        store.open();
        List<StoredAccount> accounts = export.accounts().stream().map(this::importAccount).toList();
        List<StoredCertificate> certificates = new ArrayList<>();
        for (CertbotLineage lineage : export.lineages()) {
            String accountUrl = export.account(lineage.accountId()).map(a -> a.url().toString()).orElse(null);
            certificates.add(store.lineages().edit(lineage.name(), editor -> importLineage(editor, lineage,
                    accountUrl, request.force())));
        }
        List<String> notes = new ArrayList<>(export.notCarriedOver());
        writeWantList(request.wantFile(), WantListText.of(export));
        WantList loaded = WantListLoader.load(request.wantFile(), request.defaultServer());
        loaded.rejected().forEach(r -> r.errors().forEach(notes::add));
        return new Result(accounts, certificates, request.wantFile(), notes);
    }

    private void refuseToReplace(CertbotExport export, Path wantFile) {
        List<CertificateName> held = store.lineages().names();
        for (CertbotLineage lineage : export.lineages()) {
            if (held.contains(lineage.name()) || store.lineages().find(lineage.name()).isPresent()) {
                throw new Failure.BadInput("certificate " + lineage.name() + " is in " + store.root()
                        + " already: nothing was imported (--force replaces it)");
            }
        }
        if (Files.exists(wantFile)) {
            throw new Failure.BadInput(wantFile + " exists already: nothing was imported (--want FILE writes the "
                    + "imported want list elsewhere; --force replaces it)");
        }
    }

    /** The same account, key and URL: registering it again would find it anyway, so the CA is not asked. */
    private StoredAccount importAccount(CertbotAccount account) {
        CaServer server = CaServer.resolve(account.directory().toString());
        return store.accounts().edit(server.id(), ACCOUNT_LOCK_PATIENCE, editor -> editor.list().stream()
                .filter(a -> a.url().equals(account.url())).findFirst()
                .orElseGet(() -> editor.commit(editor.prepare(account.key()), server.directory().toString(),
                        account.url(), account.contacts(),
                        account.createdAt() != null ? account.createdAt() : clock.instant())));
    }

    /** Every version, oldest first, the live one last, so the store serves what certbot served. */
    private StoredCertificate importLineage(LineageEditor editor, CertbotLineage lineage, String accountUrl,
            boolean force) {
        if (editor.current().isPresent() && !force) {
            throw new Failure.BadInput("certificate " + lineage.name() + " was stored by another run meanwhile: "
                    + "not imported (--force replaces it)");
        }
        editor.delete(); // what --force replaces, or what a stopped deletion left: versions count from 1
        StoredCertificate stored = null;
        for (CertbotVersion version : lineage.versions()) {
            var certificate = version.certificate();
            StoredCertificate metadata = StoredCertificate.issued(lineage.name(),
                    certificate.getSerialNumber().toString(16), version.writtenAt(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), lineage.spec(),
                    accountUrl);
            stored = editor.save(metadata, version.key(), version.chain());
        }
        return stored;
    }

    private static void writeWantList(Path file, String yaml) {
        try {
            AtomicFiles.write(file.toAbsolutePath(), yaml.getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot write " + file + ": " + IoReasons.of(e), e);
        }
    }
}
