#!/usr/bin/env bash
# Regenerates completions/ (bash, zsh) and man/ (one page per command) from picocli's model of the
# commands, after a change to a command or an option; commit what it writes. GeneratedDocsTest fails
# while they are stale. The man pages go through AsciiDoc (picocli-codegen) and asciidoctorj, which
# only the 'docs' profile pulls in (JRuby: about 40 MB, once).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pdocs -DskipTests process-test-classes
