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
        AcmectlCommand.app(spec).printer().servers(CaServer.ALIASES);
        return 0;
    }
}
