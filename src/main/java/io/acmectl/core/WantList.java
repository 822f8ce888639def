package io.acmectl.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The certificates that should exist, as a want list declares them, validated and with defaults
 * applied. {@code hooks}: the global ones from {@code defaults}, run for every certificate before its own.
 */
public record WantList(Path file, Hooks hooks, List<Wanted> certificates) {
    public WantList {
        certificates = List.copyOf(certificates);
    }

    /** One wanted certificate, and what to register an account with if its server has none yet. */
    public record Wanted(CertificateName name, CertificateSpec spec, List<String> emails, boolean agreeTos) {
        public Wanted {
            emails = List.copyOf(emails);
        }
    }
}
