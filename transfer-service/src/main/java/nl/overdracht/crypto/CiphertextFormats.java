package nl.overdracht.crypto;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored ciphertext formats, keyed on their version byte: the ones {@link DossierCipher#open}
 * reads, resolved from the first stored byte, and the {@linkplain #current() current} one
 * {@link DossierCipher#seal} writes.
 *
 * <p>Adding a format: write a {@link CiphertextFormat} with the next unused version byte, with its
 * layout on the class and its golden vectors, and add it to {@link #BUILT_IN}'s readable formats.
 * Make it current only in a later release, once every running instance reads it: during a rolling
 * upgrade an instance that does not know a version cannot open what a newer instance wrote. A
 * format stays registered as long as stored bytes in it may remain.
 */
final class CiphertextFormats {

    /** What the service is built with: reads format 1, writes format 1. */
    static final CiphertextFormats BUILT_IN = of(CiphertextFormatV1.INSTANCE, CiphertextFormatV1.INSTANCE);

    private final Map<Integer, CiphertextFormat> byVersion;
    private final CiphertextFormat current;

    private CiphertextFormats(CiphertextFormat current, Map<Integer, CiphertextFormat> byVersion) {
        this.current = current;
        this.byVersion = Map.copyOf(byVersion);
    }

    /**
     * The given formats, writing {@code current}.
     *
     * @throws IllegalArgumentException when two formats share a version byte, or {@code current}
     *     is not among {@code readable}
     */
    static CiphertextFormats of(CiphertextFormat current, Collection<? extends CiphertextFormat> readable) {
        Objects.requireNonNull(current, "current");
        Map<Integer, CiphertextFormat> byVersion = new TreeMap<>();
        for (CiphertextFormat format : readable) {
            if (byVersion.putIfAbsent(unsigned(format.version()), format) != null) {
                throw new IllegalArgumentException("two ciphertext formats have version " + unsigned(format.version()));
            }
        }
        if (byVersion.get(unsigned(current.version())) != current) {
            throw new IllegalArgumentException("the current ciphertext format, version " + unsigned(current.version())
                    + ", must be one of the readable formats");
        }
        return new CiphertextFormats(current, byVersion);
    }

    /** {@link #of(CiphertextFormat, Collection)} with the readable formats listed. */
    static CiphertextFormats of(CiphertextFormat current, CiphertextFormat... readable) {
        return of(current, List.of(readable));
    }

    /** The format new values are sealed in. */
    CiphertextFormat current() {
        return current;
    }

    /**
     * The format whose stored bytes begin with {@code version}.
     *
     * @throws CryptoException naming the version (never other bytes) when no registered format has it
     */
    CiphertextFormat forVersion(byte version) {
        CiphertextFormat format = byVersion.get(unsigned(version));
        if (format == null) {
            throw new CryptoException("no stored ciphertext format has version " + unsigned(version)
                    + "; known versions: " + versions());
        }
        return format;
    }

    /** The registered version numbers, 0..255, ascending. */
    SortedSet<Integer> versions() {
        return new TreeSet<>(byVersion.keySet());
    }

    private static int unsigned(byte version) {
        return Byte.toUnsignedInt(version);
    }

    @Override
    public String toString() {
        return "CiphertextFormats[current=" + unsigned(current.version()) + ", readable=" + versions() + "]";
    }
}
