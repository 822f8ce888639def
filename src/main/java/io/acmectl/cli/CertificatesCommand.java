package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import io.acmectl.flow.CertificateListing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certificates", aliases = "list", mixinStandardHelpOptions = true,
        description = "List the stored certificates, when each is due for renewal and why.")
final class CertificatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        CertificateListing listing = app.listing();
        app.printer().listing(listing.list(), app.store().root());
        warnUnwanted(app, listing);
        return 0;
    }

    /** On stderr, one line each, only when there is a want list to compare with. */
    private static void warnUnwanted(App app, CertificateListing listing) {
        if (!app.store().exists()) {
            return; // nothing stored, nothing to warn about, and no store made for a want list's cache
        }
        WantList wantList;
        try {
            wantList = app.wantList(false);
        } catch (Failure.BadInput e) {
            app.printer().err().println("acmectl: warning: the want list was not compared: " + e.getMessage());
            return;
        }
        if (wantList == null) {
            return;
        }
        listing.unwanted(wantList).forEach(name -> app.printer().err().printf("acmectl: warning: certificate %s is "
                + "not in the want list %s (renew --all still renews it; acmectl delete --cert-name %s removes it)%n",
                name, wantList.file(), name));
    }
}
