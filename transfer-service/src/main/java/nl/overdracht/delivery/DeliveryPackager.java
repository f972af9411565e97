package nl.overdracht.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
import nl.overdracht.lifecycle.Dossier;
import nl.overdracht.lifecycle.DossierRepository;
import nl.overdracht.lifecycle.TransferState.Deliverable;
import nl.overdracht.lifecycle.TransferState.Released;
import nl.overdracht.lifecycle.TransferState.Step;
import nl.overdracht.lifecycle.TransitionService;
import nl.overdracht.objection.ObjectionService;
import nl.overdracht.platform.CpuWork;
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
    DossierRepository dossiers;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    CpuWork cpu;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * Brings the package of {@code dossierId} up to date within {@code tx}, acting as {@code actor}.
     * The package is read by a statement after the lock is held, never in the locking statement or
     * before it: a refresh that waited for another reads that one's package, not the snapshot from
     * before it (which would package the dossier a second time).
     */
    public Uni<Outcome> refresh(SqlConnection tx, UUID dossierId, AuditActor actor) {
        Instant now = clock.instant();
        return dossiers.lock(tx, dossierId).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(Outcome.NOT_APPLICABLE)
                : deliveries.current(tx, dossierId).flatMap(current -> decide(tx, found.get(), current, now, actor)));
    }

    private Uni<Outcome> decide(SqlConnection tx, Dossier dossier, Optional<DeliveryRepository.Current> current,
            Instant now, AuditActor actor) {
        String school = dossier.receivingSchool();
        if (dossier.state() instanceof Released released) {
            return directory.find(tx, school).flatMap(entry -> directory.currentCertificate(tx, school, now)
                    .flatMap(certificate -> {
                        if (entry.isEmpty() || !entry.get().active() || certificate.isEmpty()
                                || !entry.get().accepts(dossier.profileId(), dossier.profileVersion())) {
                            return Uni.createFrom().item(Outcome.WAITING);
                        }
                        return build(tx, dossier, entry.get(), certificate.get(), now, released.packaged(), actor)
                                .replaceWith(Outcome.PACKAGED);
                    }));
        }
        if (!(dossier.state() instanceof Deliverable deliverable)
                || current.map(DeliveryRepository.Current::acknowledged).orElse(false)) {
            return Uni.createFrom().item(Outcome.NOT_APPLICABLE);
        }
        boolean hasPackage = current.map(DeliveryRepository.Current::hasPackage).orElse(false);
        return directory.find(tx, school).flatMap(entry -> directory.currentCertificate(tx, school, now)
                .flatMap(certificate -> {
                    if (certificate.isEmpty()) {
                        return hasPackage ? withhold(tx, dossier.id(), now, actor) : Uni.createFrom().item(Outcome.UNCHANGED);
                    }
                    if (hasPackage && certificate.get().id().equals(current.get().certificateId())) {
                        return Uni.createFrom().item(Outcome.UNCHANGED);
                    }
                    return build(tx, dossier, entry.orElseThrow(), certificate.get(), now, deliverable.repackage(), actor)
                            .replaceWith(Outcome.REPACKAGED);
                }));
    }

    private Uni<Void> build(SqlConnection tx, Dossier dossier, SchoolEntry school, RecipientCertificate certificate,
            Instant now, Step<Deliverable> step, AuditActor actor) {
        Profile profile = profiles.find(dossier.profileId(), dossier.profileVersion()).orElseThrow();
        return dossiers.revision(tx, dossier.id(), dossier.revision())
                .flatMap(sealed -> objections.standing(tx, dossier.id())
                        .flatMap(standing -> cpu.run(() -> seal(dossier, profile, sealed, Withholding.of(profile, standing),
                                school, certificate, now))))
                .flatMap(built -> deliveries.store(tx, new DeliveryRepository.NewPackage(dossier.id(), school.id(),
                        dossier.revision(), certificate.id(), built.contentSha256(), built.mediaType(), built.cms(),
                        sha256(built.cms()), built.sectionsRemoved(), now)))
                .flatMap(done -> transitions.apply(tx, dossier.id(), step, now, actor))
                .replaceWithVoid();
    }

    /** Decrypts, redacts, wraps and encrypts, all in memory; the plaintext arrays are cleared afterwards. */
    private Built seal(Dossier dossier, Profile profile, SealedData sealed, Withholding withholding, SchoolEntry school,
            RecipientCertificate certificate, Instant now) {
        UUID id = dossier.id();
        int revision = dossier.revision();
        byte[] plaintext = cipher.open(sealed, new Aad(id, revision, profile.id() + "@" + profile.version()));
        byte[] content = null;
        byte[] envelope = null;
        try {
            List<String> removed = withholding.removed();
            content = redactor.removeSections(profile, plaintext, Set.copyOf(removed));
            byte[] contentSha256 = sha256(content);
            envelope = DeliveryEnvelope.encode(new DeliveryEnvelope.Manifest(id, revision, profile.id(), profile.version(),
                    Profile.FORMAT_OSO_XML.equals(profile.format()) ? "application/xml" : "application/json",
                    dossier.sendingSchool(), school.id(), removed, withholding.reason(),
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
    private Uni<Outcome> withhold(SqlConnection tx, UUID id, Instant now, AuditActor actor) {
        return deliveries.withhold(tx, id, now)
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
