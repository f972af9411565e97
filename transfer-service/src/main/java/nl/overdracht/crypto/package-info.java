/**
 * Cryptography: envelope encryption of dossier revisions at rest, the keyed blind index for pupil
 * ids, Overdracht's own signing identity, and CMS sign-then-encrypt for deliveries.
 *
 * <p>Owns:
 * <ul>
 *   <li>{@link nl.overdracht.crypto.DossierCipher}: seal/open/rewrap of revisions; a fresh
 *       AES-256-GCM data key per revision, wrapped (AES Key Wrap, RFC 3394) by a versioned
 *       key-encryption key from the {@link nl.overdracht.crypto.KeyRing}; the stored value on
 *       {@link nl.overdracht.crypto.SealedData}, the associated data on
 *       {@link nl.overdracht.crypto.Aad}, the ciphertext's formats resolved by their first byte
 *       in {@code CiphertextFormats}, one class per format version.</li>
 *   <li>{@link nl.overdracht.crypto.BlindIndex}: HMAC-SHA256 over {@code kind:value}.</li>
 *   <li>{@link nl.overdracht.crypto.CmsPackager}: CMS SignedData inside EnvelopedData
 *       (AES-256-CBC) or AuthEnvelopedData (AES-256-GCM), DER; the receiving side in
 *       {@link nl.overdracht.crypto.CmsPackages}; recipient certificate rules in
 *       {@link nl.overdracht.crypto.CertificatePolicy}.</li>
 *   <li>{@link nl.overdracht.crypto.KeyRewrapJob}: after a rotation, re-wraps stored data keys
 *       in the columns each owning package names ({@link nl.overdracht.crypto.SealedColumnOwner});
 *       the SQL in {@link nl.overdracht.crypto.SealedColumnRepository}.</li>
 *   <li>Every key the service holds and every format these produce, each pinned by golden vectors
 *       or an OpenSSL interoperability test.</li>
 * </ul>
 *
 * <p>Stored bytes and how each is versioned: a sealed ciphertext (dossier revisions, pupil ids of
 * dossiers and enrolments, inspection reasons) begins with its format version, and a new format is
 * added beside the old ones ({@code CiphertextFormat}), never edited in. A wrapped data key is
 * plain RFC 3394 output; what versions it is the key version stored beside it. A blind index is a
 * bare HMAC compared for equality, so it has no version byte: another scheme, like another key,
 * means computing every index again. {@link nl.overdracht.crypto.Aad} bytes are not stored; they
 * are part of what format 1 authenticates and so never change.
 *
 * <p>Configuration (no defaults; secrets): {@code overdracht.crypto.kek.<version>},
 * {@code overdracht.crypto.kek-current}, {@code overdracht.crypto.blind-index-key},
 * {@code overdracht.signing.private-key}, {@code overdracht.signing.certificate}. A missing or
 * malformed key stops the start.
 *
 * <p>Must not: log, print or put into an exception message a key, a plaintext or ciphertext bytes
 * ({@code toString} of key and ciphertext holders is redacted); write plaintext to disk; invent a
 * format where a standard one (AES-GCM, AES-KW, HMAC, CMS) exists; register a JCA provider
 * globally; know about dossiers beyond the ids in {@link nl.overdracht.crypto.Aad}.
 */
package nl.overdracht.crypto;
