package nl.overdracht.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The associated data that binds a sealed revision to its place: which dossier, which revision,
 * which profile. A ciphertext moved to another dossier, revision or profile does not open.
 *
 * <p>Canonical encoding ({@link #canonicalBytes()}), all integers big-endian:
 * <pre>
 *   0x01                          encoding version, 1 byte
 *   dossierId                     16 bytes: most significant 64 bits, then least significant 64 bits
 *   revision                      4 bytes, signed int, at least 1
 *   len(profile)                  2 bytes, unsigned: length of the UTF-8 bytes of profile
 *   profile                       UTF-8 bytes, 1..255 bytes, no surrounding whitespace
 * </pre>
 * Every field has a fixed size or a length prefix, so two different {@code Aad} values never
 * encode to the same bytes.
 *
 * @param dossierId the dossier
 * @param revision the revision number, from 1
 * @param profile the profile identifier, for example {@code nl-po-oso-2024}
 */
public record Aad(UUID dossierId, int revision, String profile) {

    static final byte ENCODING_VERSION = 0x01;
    static final int MAX_PROFILE_BYTES = 255;

    public Aad {
        Objects.requireNonNull(dossierId, "dossierId");
        Objects.requireNonNull(profile, "profile");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1");
        }
        int length = profile.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_PROFILE_BYTES || !profile.strip().equals(profile)) {
            throw new IllegalArgumentException(
                    "profile must be 1.." + MAX_PROFILE_BYTES + " UTF-8 bytes without surrounding whitespace");
        }
    }

    /**
     * The associated data for a single sealed field of a record, such as a dossier's pupil id: it
     * takes revision 1 and the field's name, which never contains the {@code @} that separates a
     * profile key ({@code oso-gegevensset@2019.1}), so a field never opens as a revision.
     */
    public static Aad forField(UUID recordId, String field) {
        if (field.contains("@")) {
            throw new IllegalArgumentException("A field name has no '@'");
        }
        return new Aad(recordId, 1, field);
    }

    /** The canonical encoding described in the type's documentation; a fresh array each call. */
    public byte[] canonicalBytes() {
        byte[] profileBytes = profile.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 16 + 4 + 2 + profileBytes.length)
                .put(ENCODING_VERSION)
                .putLong(dossierId.getMostSignificantBits())
                .putLong(dossierId.getLeastSignificantBits())
                .putInt(revision)
                .putShort((short) profileBytes.length)
                .put(profileBytes)
                .array();
    }
}
