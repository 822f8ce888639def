package io.acmectl.files;

import io.acmectl.core.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Refuses what others could read or change: a config directory another user can write into (they
 * could swap the want list's hooks or the keys) and a private key other users can read. Each
 * refusal names the fix. Where a file system has no POSIX modes, nothing is checked.
 */
public final class Permissions {
    private Permissions() {}

    /** A folder nobody but its owner may write into; a missing one passes (it is made private). */
    public static void checkPrivateDirectory(Path dir, String what) {
        Set<PosixFilePermission> mode = mode(dir);
        if (mode != null && (mode.contains(PosixFilePermission.GROUP_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_WRITE))) {
            String shown = BoundedFiles.shown(dir);
            throw new Failure.BadInput(what + " " + shown + " is writable by its group or by other users (mode "
                    + PosixFilePermissions.toString(mode) + "): run 'chmod go-w " + shown + "'");
        }
    }

    /** A key file other users can neither read nor change (group read is allowed, as for ssl-cert). */
    public static void checkPrivateFile(Path file, String what) {
        Set<PosixFilePermission> mode = mode(file);
        if (mode == null) {
            return;
        }
        boolean othersRead = mode.contains(PosixFilePermission.OTHERS_READ);
        if (othersRead || mode.contains(PosixFilePermission.OTHERS_WRITE)
                || mode.contains(PosixFilePermission.GROUP_WRITE)) {
            String shown = BoundedFiles.shown(file);
            throw new Failure.BadInput(what + " " + shown + " is " + (othersRead ? "readable by other users"
                    : "writable by its group or by other users") + " (mode " + PosixFilePermissions.toString(mode)
                    + "): run 'chmod 600 " + shown
                    + "'");
        }
    }

    /** The mode of what the path points at, or null when it has none to check (missing, or no POSIX modes). */
    private static Set<PosixFilePermission> mode(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // a missing file is reported by whoever reads it, with the reason
        }
    }
}
