/**
 * The school registry: schools (Dutch BRIN plus vestiging, or Flemish instellingsnummer), their
 * region, status, accepted profile versions and content-encryption choice, and the certificates
 * deliveries are encrypted to.
 *
 * <p>Owns: the operator API under {@code /api/v1/registry/schools}, limited to the operator's own
 * region (another region's school is 404); certificate validation on upload with
 * {@link nl.overdracht.crypto.CertificatePolicy}; the choice of a school's current certificate
 * ({@link nl.overdracht.registry.SchoolDirectory}); the admission check intake calls before it
 * stores a dossier ({@link nl.overdracht.registry.SchoolAdmission}); telling
 * {@link nl.overdracht.registry.RegistryListener}s, after commit, that a school changed. The SQL
 * of schools and their certificates is in {@link nl.overdracht.registry.SchoolRepository}, which
 * also gives other packages the current-certificate condition for their own queries.
 *
 * <p>Must not: keep or accept a private key; log a certificate or its subject; read dossiers or
 * deliveries (the delivery package listens instead).
 */
package nl.overdracht.registry;
