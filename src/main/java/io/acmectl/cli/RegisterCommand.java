package io.acmectl.cli;

import io.acmectl.acme.AcmeSessions;
import io.acmectl.service.AccountService;
import io.acmectl.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "register", mixinStandardHelpOptions = true, description = "Create an account at the CA (once per server).")
final class RegisterCommand implements Callable<Integer> {
    @ParentCommand
    AcmectlCommand root;

    @Mixin
    AccountOptions account;

    @Override
    public Integer call() {
        Store store = root.store();
        AccountService.Registered registered = root.accountService(store, new AcmeSessions(root.caBundle))
                .register(root.server(), account.registration());
        root.out().printf("%s account %s at %s%n", registered.created() ? "Registered" : "Already registered:",
                registered.account().url(), root.server().directory());
        return 0;
    }
}
