package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.StoredAccount;
import io.acmectl.crypto.KeyFiles;
import io.acmectl.flow.AccountFlow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage the account at a CA.",
        subcommands = {RegisterCommand.class, RecoverCommand.class})
final class AccountCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the account as the CA knows it.")
    int show() {
        App app = AcmectlCommand.app(spec);
        AccountFlow.Details details = app.accounts().show(app.server(), app.accountSelector());
        app.printer().account(details, app.server());
        return 0;
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace the account's contact addresses.")
    int update(@Option(names = {"-m", "--email"}, paramLabel = "ADDRESS", converter = OptionValues.Email.class,
            description = "Contact e-mail (repeatable); none clears the contacts.") List<String> emails) {
        App app = AcmectlCommand.app(spec);
        List<String> contacts = emails == null ? new ArrayList<>() : emails;
        StoredAccount account = app.accounts().update(app.server(), app.accountSelector(), contacts);
        app.printer().accountChanged(Printer.AccountChange.contactsUpdated(), account);
        return 0;
    }

    static final class NewKey {
        @Option(names = "--key-type", paramLabel = "TYPE", converter = KeyTypeConverter.class,
                description = "Make a new key of this type (default: ec256).")
        KeyType keyType;

        @Option(names = "--key", paramLabel = "FILE", description = "Use this key (PEM or JWK).")
        Path key;
    }

    @Command(name = "rollover", mixinStandardHelpOptions = true,
            description = "Replace the account key at the CA (RFC 8555 key change).")
    int rollover(@ArgGroup(exclusive = true) NewKey newKey) {
        App app = AcmectlCommand.app(spec);
        java.security.KeyPair key = newKey != null && newKey.key != null ? KeyFiles.read(newKey.key)
                : (newKey != null && newKey.keyType != null ? newKey.keyType : KeyType.EC256).generate();
        StoredAccount account = app.accounts().rollover(app.server(), app.accountSelector(), key);
        app.printer().accountChanged(Printer.AccountChange.keyRolledOver(KeyType.of(key.getPublic()).id()), account);
        return 0;
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Deactivate the account at the CA. This cannot be undone.")
    int deactivate(@Option(names = "--yes", description = "Do not ask.") boolean yes) {
        App app = AcmectlCommand.app(spec);
        StoredAccount account = app.accounts().select(app.server(), app.accountSelector());
        if (!yes && !Confirmation.ask("Deactivate account " + account.url() + " for good? Its certificates "
                + "stay valid, but it can never order or revoke again.")) {
            throw new Failure.BadInput("not confirmed: nothing was changed (use --yes in scripts)");
        }
        StoredAccount deactivated = app.accounts().deactivate(app.server(), app.accountSelector());
        app.printer().accountChanged(Printer.AccountChange.deactivated(), deactivated);
        return 0;
    }
}
