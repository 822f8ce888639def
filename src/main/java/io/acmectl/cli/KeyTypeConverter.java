package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import picocli.CommandLine;

/** Reads a key type option, so a bad value reads as a usage error that lists the choices. */
final class KeyTypeConverter implements CommandLine.ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
        try {
            return KeyType.parse(value);
        } catch (Failure.BadInput e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
