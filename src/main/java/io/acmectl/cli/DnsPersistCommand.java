package io.acmectl.cli;

import io.acmectl.challenge.dns.PersistRecord;
import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.Identifiers;
import io.acmectl.core.StoredAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dns-persist", mixinStandardHelpOptions = true,
        description = "The lasting dns-persist-01 record (draft-ietf-acme-dns-persist) that proves control for "
                + "every later order of the account.")
final class DnsPersistCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the TXT record to publish for NAME (the account is the store's, nothing is sent).")
    int show(@Parameters(paramLabel = "NAME", description = "The name (*.NAME for a wildcard).") String name,
            @Option(names = "--issuer-domain", paramLabel = "DOMAIN",
                    description = "The CA's issuer domain (default: known for Let's Encrypt).") String issuerDomain) {
        App app = AcmectlCommand.app(spec);
        Identifier identifier = Identifiers.parse(name);
        if (identifier.isIp()) {
            throw new Failure.BadInput("IP address '" + identifier + "' cannot be proven by dns-persist-01");
        }
        String issuer = issuerDomain != null ? issuerDomain : issuerOf(app.server());
        StoredAccount account = app.accounts().select(app.server(), app.accountSelector());
        app.printer().out().printf("%s IN TXT \"%s\"%n", PersistRecord.owner(identifier.base()),
                PersistRecord.value(issuer, account.url().toString(), identifier.isWildcard()));
        return 0;
    }

    private static String issuerOf(CaServer server) {
        return server.dnsPersistIssuerDomain().orElseThrow(() -> new Failure.BadInput("the issuer domain of "
                + server.directory() + " is not known here: name it with --issuer-domain (the CA's dns-persist-01 "
                + "challenges list it as issuer-domain-names)"));
    }
}
