/**
 * The hash-chained audit log: who did what to which dossier, when, with what outcome.
 *
 * <p>Owns: {@link nl.overdracht.audit.AuditLog} (the one way to write an entry, inside the
 * caller's transaction), the chainer that gives pending entries their gapless place in the chain
 * and signs checkpoints, the canonical encoding ({@link nl.overdracht.audit.AuditCanonical},
 * pinned by golden vectors and implemented again by the standalone {@code audit-verifier}), the
 * auditor API ({@code /api/v1/audit/*}: a regional auditor reads the entries in which a school of
 * its region takes part, a national auditor every entry and the export), the disclosure log of a
 * dossier ({@code /api/v1/dossiers/{id}/audit}) and the auditing of refused requests (refused
 * tokens counted per source network and reason, {@link nl.overdracht.audit.RefusedTokenCounts}). Its SQL
 * is in {@link nl.overdracht.audit.AuditRepository} (pending and chained entries) and
 * {@link nl.overdracht.audit.CheckpointRepository}.
 *
 * <p>Must not: store personal data or dossier content (ids, roles, actions, outcome codes and
 * hashes only); update or delete an entry or a checkpoint (the database refuses it too); make an
 * intake transaction wait for the chain.
 */
package nl.overdracht.audit;
