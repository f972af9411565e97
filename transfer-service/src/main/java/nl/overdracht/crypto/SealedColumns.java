package nl.overdracht.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a table keeps the wrapped data keys of a sealed value: the table, the column with the
 * wrapped key and the column with the version of the key-encryption key that wrapped it. The
 * names are SQL identifiers (lower case letters, digits and underscores), checked here because
 * they are written into SQL as they are.
 */
public record SealedColumns(String table, String wrappedKey, String keyVersion) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumns {
        table = identifier(table, "table");
        wrappedKey = identifier(wrappedKey, "wrappedKey");
        keyVersion = identifier(keyVersion, "keyVersion");
    }

    private static String identifier(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a lower-case SQL identifier");
        }
        return value;
    }
}
