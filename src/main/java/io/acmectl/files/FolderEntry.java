package io.acmectl.files;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * One entry of a folder written whole by {@link AtomicFiles#writeFolder}: a file with its content
 * and mode, or a symbolic link ({@code linkTarget} not null).
 */
public record FolderEntry(String name, byte[] content, Set<PosixFilePermission> permissions, Path linkTarget) {
    public FolderEntry {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: '" + name + "'");
        }
    }

    public static FolderEntry file(String name, byte[] content, Set<PosixFilePermission> permissions) {
        return new FolderEntry(name, content.clone(), Set.copyOf(permissions), null);
    }

    public static FolderEntry link(String name, Path target) {
        return new FolderEntry(name, null, null, target);
    }

    boolean isLink() {
        return linkTarget != null;
    }
}
