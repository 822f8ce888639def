package io.acmectl.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/systemd as systemd itself reads it: {@code systemd-analyze verify} finds nothing to say,
 * and {@code systemd-analyze security} rates the service's sandbox. Without systemd-analyze (package
 * {@code systemd}; dev/install-deps.sh installs it) the test aborts loudly, and fails in CI.
 */
class SystemdUnitsTest {
    /** systemd's exposure scale runs from 0 (locked down) to 10; 2.2 when this was written. */
    private static final double MAX_EXPOSURE = 2.5;
    private static final Path UNITS = Path.of("packaging/systemd");

    @TempDir
    Path root;

    @BeforeEach
    void needsSystemdAnalyze() {
        if (Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            String message = "systemd-analyze is not installed (apt-get install systemd): the units are NOT checked";
            System.err.println("!!! " + message);
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }

    @Test
    void systemdFindsNothingWrongWithTheUnits() throws Exception {
        // As installed by the package, in a root of the test's own: systemd-analyze --root reads units
        // and checks that ExecStart= exists there; the targets they name come from this machine.
        Path unitDir = Files.createDirectories(root.resolve("lib/systemd/system"));
        for (String unit : List.of("acmectl-renew.service", "acmectl-renew.timer")) {
            Files.copy(UNITS.resolve(unit), unitDir.resolve(unit));
        }
        Path hostUnits = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        try (Stream<Path> targets = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path target : targets.filter(p -> p.toString().endsWith(".target")).toList()) {
                Files.copy(target, hostUnits.resolve(target.getFileName()));
            }
        }
        Path launcher = Files.createDirectories(root.resolve("usr/bin")).resolve("acmectl");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run("systemd-analyze", "verify", "--man=no", "--root=" + root, "acmectl-renew.service",
                "acmectl-renew.timer");

        assertEquals(0, result.status(), result.output());
        assertEquals("", result.output(), "systemd has remarks on the units");
    }

    @Test
    void theServiceIsSandboxed() throws Exception {
        Result result = run("systemd-analyze", "security", "--offline=yes", "--no-pager",
                UNITS.resolve("acmectl-renew.service").toString());

        assertEquals(0, result.status(), result.output());
        Matcher exposure = Pattern.compile("Overall exposure level for acmectl-renew\\.service: (\\d+\\.\\d)")
                .matcher(result.output());
        assertTrue(exposure.find(), result.output());
        double level = Double.parseDouble(exposure.group(1));
        assertTrue(level <= MAX_EXPOSURE, "exposure " + level + " > " + MAX_EXPOSURE + ":\n" + result.output());
        // The settings the design names, each counted as met by systemd's own reading of them.
        for (String setting : List.of("PrivateTmp=", "NoNewPrivileges=", "ProtectHome=", "ProtectKernelTunables=",
                "RestrictAddressFamilies=~AF_PACKET", "SystemCallFilter=~@mount")) {
            assertTrue(Pattern.compile("(?m)^✓ " + Pattern.quote(setting)).matcher(result.output()).find(),
                    setting + " not met:\n" + result.output());
        }
    }

    @Test
    void theTimerFiresHourlySpreadAndCatchesUp() throws IOException {
        String timer = Files.readString(UNITS.resolve("acmectl-renew.timer"));
        for (String line : List.of("OnCalendar=hourly", "RandomizedDelaySec=1h", "Persistent=true")) {
            assertTrue(timer.lines().anyMatch(line::equals), line);
        }
    }

    private static Result run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not end");
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {}
}
