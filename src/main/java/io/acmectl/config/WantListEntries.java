package io.acmectl.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmectl.config.WantListYaml.Entry;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.WantList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Goes over a want list's certificates: binds and checks each entry on its own, keeps every error of
 * each, and finds names given twice. An invalid entry is set aside with its errors rather than
 * stopping the file, so one typo never stops the certificates it does not touch.
 */
final class WantListEntries {
    private final Positions positions;
    private final WantListValidator validator;

    WantListEntries(Positions positions, WantListValidator validator) {
        this.positions = positions;
        this.validator = validator;
    }

    /** One entry as checked: its name as written (null if none), what it wants if valid, its errors. */
    private record Checked(String name, String base, WantList.Wanted wanted, List<Failure.BadInput> errors) {}

    /** The valid entries, and every error of the others, each in file order. */
    WantList check(Path file, WantListYaml.File parsed, GuardSettings guard) {
        Entry defaults = parsed.defaults() != null ? parsed.defaults() : Entry.EMPTY;
        validator.checkDefaults(defaults);
        List<JsonNode> nodes = parsed.certificates() == null ? List.of() : parsed.certificates();
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            checked.add(entry(nodes.get(i), defaults, "/certificates/" + i));
        }
        duplicates(checked);
        List<WantList.Wanted> wanted = new ArrayList<>();
        List<WantList.Rejected> rejected = new ArrayList<>();
        for (Checked c : checked) {
            if (c.errors().isEmpty()) {
                wanted.add(c.wanted());
            } else {
                rejected.add(new WantList.Rejected(c.name(), positions.inFileOrder(c.errors()).stream()
                        .map(Failure.BadInput::getMessage).toList()));
            }
        }
        return new WantList(file, WantListValidator.hooks(defaults.hooks()), wanted, guard.limits(),
                guard.policy(), rejected);
    }

    private Checked entry(JsonNode node, Entry defaults, String base) {
        List<Failure.BadInput> errors = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add(positions.fail(base, "empty certificate entry"));
            return new Checked(null, base, null, errors);
        }
        Entry entry = WantListLoader.entry(node, base, positions, errors);
        if (entry == null) { // it did not bind: its name, if it has one, still says which it is
            return new Checked(node.path("name").isTextual() ? node.get("name").asText() : null, base, null, errors);
        }
        return new Checked(entry.name(), base, validator.certificate(entry, defaults, base, errors), errors);
    }

    /** A name given twice: neither entry is used, since which one was meant is unknown. */
    private void duplicates(List<Checked> checked) {
        Map<String, Checked> first = new HashMap<>();
        Set<String> told = new HashSet<>();
        for (Checked c : checked) {
            Checked earlier = c.name() == null ? null : first.putIfAbsent(c.name(), c);
            if (earlier == null) {
                continue;
            }
            c.errors().add(positions.fail(c.base() + "/name", "duplicate certificate name " + Quote.of(c.name())
                    + " (first at " + positions.where(earlier.base() + "/name") + ")"));
            if (told.add(c.name())) {
                earlier.errors().add(positions.fail(earlier.base() + "/name", "certificate name "
                        + Quote.of(c.name()) + " is given again at " + positions.where(c.base() + "/name")
                        + " (neither entry is used)"));
            }
        }
    }
}
