package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.Progress;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run tells while it works. Logged at info (the log file keeps each order's steps and each
 * certificate that changed; a certificate that was not due is not worth a line). And, for a person at
 * a terminal, progress lines on stderr: {@code [3/40] api.example.com: waiting for validation}, only
 * for certificates that are ordered (a run over 40 with one due says nothing of the 39).
 */
final class RunProgress implements Progress {
    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

    /** Where progress lines go; null when nobody watches. */
    private final PrintWriter terminal;
    private final Map<CertificateName, Integer> positions = new HashMap<>();
    private final Set<CertificateName> ordered = new HashSet<>();
    private int total;

    RunProgress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(List<CertificateName> names) {
        total = names.size();
        for (int i = 0; i < names.size(); i++) {
            positions.put(names.get(i), i + 1);
        }
    }

    @Override
    public synchronized void step(CertificateName name, Step step) {
        ordered.add(name);
        tell(name, switch (step) {
            case ORDERING -> "ordering";
            case VALIDATING -> "waiting for validation";
            case FINALIZING -> "finalizing";
        });
    }

    @Override
    public synchronized void done(CertificateOutcome outcome) {
        if (ordered.contains(outcome.name()) || !TextWords.uneventful(outcome)) {
            tell(outcome.name(), TextWords.kind(outcome) + ": " + TextWords.detail(outcome));
        }
    }

    private void tell(CertificateName name, String what) {
        Integer position = positions.get(name);
        String line = (position == null ? "" : "[" + position + "/" + total + "] ") + name + ": " + what;
        LOG.info(line);
        if (terminal != null) {
            terminal.println(line);
            terminal.flush();
        }
    }
}
