package nl.overdracht.registry;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A school's registered certificate, without the certificate itself.
 *
 * @param sha256 the SHA-256 fingerprint of the DER certificate, hex
 * @param current whether deliveries are encrypted to this one now
 */
public record CertificateView(UUID id, String schoolId, String sha256, String subject, String keyAlgorithm,
        Instant notBefore, Instant notAfter, Instant addedAt, Instant revokedAt, boolean current) {

    static final String COLUMNS = "c.id, c.school_id, c.sha256, c.subject, c.key_algorithm, c.not_before, c.not_after, "
            + "c.added_at, c.revoked_at";

    static CertificateView from(Row row, UUID currentId) {
        UUID id = row.getUUID("id");
        return new CertificateView(id, row.getString("school_id"),
                HexFormat.of().formatHex(row.getBuffer("sha256").getBytes()), row.getString("subject"),
                row.getString("key_algorithm"), instant(row.getOffsetDateTime("not_before")),
                instant(row.getOffsetDateTime("not_after")), instant(row.getOffsetDateTime("added_at")),
                instant(row.getOffsetDateTime("revoked_at")), id.equals(currentId));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
