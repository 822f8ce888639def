package io.acmectl.migrate;

import io.acmectl.core.Hooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from a certbot configuration directory: its accounts, its lineages, the hooks of its
 * {@code renewal-hooks/} folders (certbot runs them for every certificate), and what could not be carried
 * over, one line each.
 */
public record CertbotExport(Path directory, List<CertbotAccount> accounts, List<CertbotLineage> lineages,
        Hooks globalHooks, List<String> notCarriedOver) {
    public CertbotExport {
        accounts = List.copyOf(accounts);
        lineages = List.copyOf(lineages);
        notCarriedOver = List.copyOf(notCarriedOver);
    }

    public Optional<CertbotAccount> account(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
