/**
 * Cryptography: envelope encryption of dossier revisions at rest (a fresh data key per revision,
 * wrapped by a versioned key-encryption key), the keyed blind index for pupil ids, Overdracht's
 * own signing identity, and CMS sign-then-encrypt for deliveries.
 *
 * <p>Owns: every key and every cipher the service uses, and the stored and wire formats they
 * produce (pinned by golden vectors).
 *
 * <p>Must not: log or print a key, a plaintext or a ciphertext; write plaintext to disk; invent a
 * format where a standard one (AES-GCM, CMS) exists.
 */
package nl.overdracht.crypto;
