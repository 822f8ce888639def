package io.acmectl.core;

/** The certificate key: its type, and whether a renewal keeps the current key. */
public record KeySpec(KeyType type, boolean reuse) {
    public static final KeySpec DEFAULT = new KeySpec(KeyType.EC256, false);
}
