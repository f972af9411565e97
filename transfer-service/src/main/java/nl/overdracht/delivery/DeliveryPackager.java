package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.overdracht.audit.AuditAction;
import nl.overdracht.audit.AuditActor;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.audit.AuditRecord;
import nl.overdracht.crypto.Aad;
import nl.overdracht.crypto.CmsPackager;
import nl.overdracht.crypto.ContentEncryption;
import nl.overdracht.crypto.DossierCipher;
import nl.overdracht.crypto.SealedData;
import nl.overdracht.lifecycle.TransferState;
import nl.overdracht.lifecycle.TransitionName;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.objection.ObjectionService;
import nl.overdracht.platform.Bytea;
import nl.overdracht.profile.Profile;
import nl.overdracht.profile.ProfileCatalog;
import nl.overdracht.profile.SectionRedactor;
import nl.overdracht.registry.SchoolDirectory;
import nl.overdracht.registry.SchoolDirectory.RecipientCertificate;
import nl.overdracht.registry.SchoolDirectory.SchoolEntry;

/**
 * Brings one dossier's delivery package up to date, inside the caller's transaction:
 * <ul>
 *   <li>RELEASED, and the receiving school is active, accepts the profile version and has a current
 *       certificate: the last revision is decrypted in memory, sections under objection removed,
 *       the manifest added ({@link DeliveryEnvelope}), the result signed and encrypted to that
 *       certificate, stored, and the dossier moves to DELIVERABLE (PACKAGE: event and audit entry
 *       {@code PACKAGE_CREATED}). Otherwise it stays RELEASED and waits.</li>
 *   <li>DELIVERABLE and not acknowledged, and the package's certificate is no longer the school's
 *       current one (a newer one was added, or it was revoked or expired): encrypted again to the
 *       current one (REPACKAGE), or, when the school has none, withheld until it has.</li>
 * </ul>
 * Anything else is left as it is. The dossier row is locked first, so concurrent callers (the
 * consumer, the retry, a registry change) take turns and the second finds nothing to do.
 */
@ApplicationScoped
public class DeliveryPackager {

    /** What {@link #refresh} did. */
    public enum Outcome {
        PACKAGED, REPACKAGED, WITHHELD, WAITING, UNCHANGED, NOT_APPLICABLE
    }

    @Inject
    DossierCipher cipher;

    @Inject
    CmsPackager cms;

    @Inject
    SectionRedactor redactor;

    @Inject
    ProfileCatalog profiles;

    @Inject
    ObjectionService objections;

    @Inject
    SchoolDirectory directory;

    @Inject
    TransitionService transitions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Brings the package of {@code dossierId} up to date within {@code tx}, acting as {@code actor}. */
    public Uni<Outcome> refresh(SqlConnection tx, UUID dossierId, AuditActor actor) {
        Instant now = clock.instant();
        return tx.preparedQuery("SELECT d.id, d.state, d.profile_id, d.profile_version, d.sending_school, "
                        + "d.receiving_school, d.revision, p.certificate_id, p.package IS NOT NULL AS has_package, "
                        + "p.acknowledged_at FROM dossier d LEFT JOIN delivery_package p ON p.dossier_id = d.id "
                        + "WHERE d.id = $1 FOR UPDATE OF d")
                .execute(Tuple.of(dossierId))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Outcome.NOT_APPLICABLE)
                        : decide(tx, rows.iterator().next(), now, actor));
    }

    private Uni<Outcome> decide(SqlConnection tx, Row row, Instant now, AuditActor actor) {
        TransferState state = TransferState.of(row.getString("state"));
        String school = row.getString("receiving_school");
        boolean packaging = TransitionName.PACKAGE.from(state).isPresent();
        boolean repackaging = TransitionName.REPACKAGE.from(state).isPresent() && row.getValue("acknowledged_at") == null;
        if (school == null || !packaging && !repackaging) {
            return Uni.createFrom().item(Outcome.NOT_APPLICABLE);
        }
        return directory.find(tx, school).flatMap(entry -> directory.currentCertificate(tx, school, now)
                .flatMap(certificate -> {
                    if (packaging) {
                        if (entry.isEmpty() || !entry.get().active() || certificate.isEmpty()
                                || !entry.get().accepts(row.getString("profile_id"), row.getString("profile_version"))) {
                            return Uni.createFrom().item(Outcome.WAITING);
                        }
                        return build(tx, row, entry.get(), certificate.get(), now, state, TransitionName.PACKAGE, actor)
                                .replaceWith(Outcome.PACKAGED);
                    }
                    if (certificate.isEmpty()) {
                        return row.getBoolean("has_package") ? withhold(tx, row, now, actor)
                                : Uni.createFrom().item(Outcome.UNCHANGED);
                    }
                    if (certificate.get().id().equals(row.getUUID("certificate_id")) && row.getBoolean("has_package")) {
                        return Uni.createFrom().item(Outcome.UNCHANGED);
                    }
                    return build(tx, row, entry.orElseThrow(), certificate.get(), now, state, TransitionName.REPACKAGE, actor)
                            .replaceWith(Outcome.REPACKAGED);
                }));
    }

    private Uni<Void> build(SqlConnection tx, Row row, SchoolEntry school, RecipientCertificate certificate, Instant now,
            TransferState state, TransitionName transition, AuditActor actor) {
        UUID id = row.getUUID("id");
        int revision = row.getInteger("revision");
        Profile profile = profiles.find(row.getString("profile_id"), row.getString("profile_version")).orElseThrow();
        return tx.preparedQuery("SELECT ciphertext, wrapped_key, key_version, content_sha256 FROM dossier_revision "
                        + "WHERE dossier_id = $1 AND revision = $2")
                .execute(Tuple.of(id, revision))
                .map(rows -> rows.iterator().next())
                .flatMap(stored -> objections.standing(tx, id).map(standing -> seal(row, profile,
                        new SealedData(stored.getBuffer("ciphertext").getBytes(),
                                stored.getBuffer("wrapped_key").getBytes(), stored.getString("key_version"),
                                stored.getBuffer("content_sha256").getBytes()),
                        Withholding.of(profile, standing), school,
                        certificate, now)))
                .flatMap(built -> tx.preparedQuery("INSERT INTO delivery_package (dossier_id, receiving_school, revision, "
                                + "certificate_id, content_sha256, media_type, package, package_sha256, sections_removed, "
                                + "created_at, packaged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) "
                                + "ON CONFLICT (dossier_id) DO UPDATE SET revision = EXCLUDED.revision, "
                                + "certificate_id = EXCLUDED.certificate_id, content_sha256 = EXCLUDED.content_sha256, "
                                + "media_type = EXCLUDED.media_type, package = EXCLUDED.package, "
                                + "package_sha256 = EXCLUDED.package_sha256, sections_removed = EXCLUDED.sections_removed, "
                                + "packaged_at = EXCLUDED.packaged_at")
                        .execute(Tuple.from(Arrays.asList(id, school.id(), revision, certificate.id(),
                                Bytea.of(built.contentSha256()), built.mediaType(), Bytea.of(built.cms()),
                                Bytea.of(sha256(built.cms())), built.sectionsRemoved().toArray(String[]::new),
                                now.atOffset(ZoneOffset.UTC)))))
                .flatMap(done -> transitions.apply(tx, new TransitionService.Change(id, state, transition, now, actor)))
                .replaceWithVoid();
    }

    /** Decrypts, redacts, wraps and encrypts, all in memory; the plaintext arrays are cleared afterwards. */
    private Built seal(Row row, Profile profile, SealedData sealed, Withholding withholding, SchoolEntry school,
            RecipientCertificate certificate, Instant now) {
        UUID id = row.getUUID("id");
        int revision = row.getInteger("revision");
        byte[] plaintext = cipher.open(sealed, new Aad(id, revision, profile.id() + "@" + profile.version()));
        byte[] content = null;
        byte[] envelope = null;
        try {
            List<String> removed = withholding.removed();
            content = redactor.removeSections(profile, plaintext, Set.copyOf(removed));
            byte[] contentSha256 = sha256(content);
            envelope = DeliveryEnvelope.encode(new DeliveryEnvelope.Manifest(id, revision, profile.id(), profile.version(),
                    Profile.FORMAT_OSO_XML.equals(profile.format()) ? "application/xml" : "application/json",
                    row.getString("sending_school"), school.id(), removed, withholding.reason(),
                    withholding.mandatoryDelivered(), contentSha256, content.length, now), content);
            ContentEncryption mode = school.authEnvelopedData() ? ContentEncryption.AES256_GCM : ContentEncryption.AES256_CBC;
            return new Built(contentSha256, cms.signAndEncrypt(envelope, certificate.certificate(), mode), mode.mediaType(),
                    removed);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
            if (envelope != null) {
                Arrays.fill(envelope, (byte) 0);
            }
        }
    }

    /** The school has no usable certificate: the package encrypted to the old one is no longer offered. */
    private Uni<Outcome> withhold(SqlConnection tx, Row row, Instant now, AuditActor actor) {
        UUID id = row.getUUID("id");
        return tx.preparedQuery("UPDATE delivery_package SET package = NULL, package_sha256 = NULL, certificate_id = NULL, "
                        + "packaged_at = $2 WHERE dossier_id = $1")
                .execute(Tuple.of(id, now.atOffset(ZoneOffset.UTC)))
                .flatMap(done -> audit.append(tx, new AuditRecord(AuditAction.PACKAGE_CREATED, actor, id,
                        "withheld:no-valid-certificate", null)))
                .replaceWith(Outcome.WITHHELD);
    }

    private record Built(byte[] contentSha256, byte[] cms, String mediaType, List<String> sectionsRemoved) {
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
