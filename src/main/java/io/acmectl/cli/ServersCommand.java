package io.acmectl.cli;

import io.acmectl.core.CaServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "servers", mixinStandardHelpOptions = true, description = "List the CA aliases --server accepts.")
final class ServersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CaServer.ALIASES.forEach((alias, url) -> AcmectlCommand.app(spec).printer().out().printf("%-20s %s%n", alias, url));
        return 0;
    }
}
