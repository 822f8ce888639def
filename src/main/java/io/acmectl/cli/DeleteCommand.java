package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.flow.LineageDeletion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove a certificate from the store: its live files, every archived version and key, its "
                + "renewal settings. The CA is not asked (revoke first if the key is at risk).")
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cert-name", required = true, paramLabel = "NAME", converter = OptionValues.CertName.class,
            description = "The certificate to remove.")
    String certName;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        LineageDeletion deletion = new LineageDeletion(app.store());
        CertificateName name = CertificateName.of(certName);
        StoredCertificate found = deletion.find(name);
        if (!yes && !Confirmation.ask("Delete certificate " + name + " (" + String.join(", ", found.domains())
                + ", expires " + found.notAfter() + ") with its keys and every archived version? This cannot be "
                + "undone.")) {
            throw new Failure.BadInput("not confirmed: nothing was deleted");
        }
        deletion.delete(name);
        app.printer().out().printf("Deleted certificate %s from %s.%n", name, app.store().root());
        WantList wantList;
        try {
            wantList = app.wantList(false);
        } catch (Failure.BadInput e) {
            return 0; // deleted; a want list that cannot be read says so at its next run
        }
        if (wantList != null && wantList.certificates().stream().anyMatch(w -> w.name().equals(name))) {
            app.printer().err().printf("acmectl: warning: %s still names %s: issue --all gets it again; take its "
                    + "entry out%n", wantList.file(), name);
        }
        return 0;
    }
}
