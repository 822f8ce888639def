package io.acmectl.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store lives when {@code --config-dir} is not given: {@code ACMECTL_CONFIG_DIR}, else
 * {@code /etc/acmectl} for root (like certbot's /etc/letsencrypt), else the XDG config folder.
 */
public final class ConfigDirectory {
    private ConfigDirectory() {}

    public static Path resolve(Path explicit, Map<String, String> env, boolean root) {
        if (explicit != null) {
            return explicit.toAbsolutePath();
        }
        String fromEnv = env.get("ACMECTL_CONFIG_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        if (root) {
            return Path.of("/etc/acmectl");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "acmectl").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".config", "acmectl");
    }

    /** True when the process runs as root; read from the owner of /proc/self, no native call. */
    public static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
