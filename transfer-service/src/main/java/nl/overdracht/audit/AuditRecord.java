package nl.overdracht.audit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One thing to audit, as a feature hands it to {@link AuditLog#append}. Ids, roles, the action, an
 * outcome code and a content hash only: the outcome is a short code (letters, digits and
 * {@code . _ : -}), so free text, and with it personal data, cannot enter the log.
 *
 * @param action what happened
 * @param actor who did it
 * @param dossierId the dossier it concerns; nullable
 * @param outcome a short result code such as {@code accepted}, {@code refused:window-closed}
 * @param contentSha256 the SHA-256 of the content concerned (32 bytes); nullable
 */
public record AuditRecord(AuditAction action, AuditActor actor, UUID dossierId, String outcome, byte[] contentSha256) {

    private static final Pattern TOKEN = Pattern.compile("[\\p{Alnum}._:@/+=-]+");

    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        outcome = requireToken(outcome, "outcome", 100);
        if (contentSha256 != null) {
            if (contentSha256.length != 32) {
                throw new IllegalArgumentException("contentSha256 must be 32 bytes");
            }
            contentSha256 = contentSha256.clone();
        }
    }

    @Override
    public byte[] contentSha256() {
        return contentSha256 == null ? null : contentSha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditRecord that && action == that.action && actor.equals(that.actor)
                && Objects.equals(dossierId, that.dossierId) && outcome.equals(that.outcome)
                && Arrays.equals(contentSha256, that.contentSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, actor, dossierId, outcome, Arrays.hashCode(contentSha256));
    }

    @Override
    public String toString() {
        return "AuditRecord[action=" + action + ", actor=" + actor + ", dossierId=" + dossierId + ", outcome="
                + outcome + ", contentSha256=" + (contentSha256 == null ? null : HexFormat.of().formatHex(contentSha256))
                + "]";
    }

    /** An identifier-like value: non-blank, bounded, no spaces or control characters. */
    static String requireToken(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > maxLength || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be an identifier of at most " + maxLength
                    + " characters (letters, digits and . _ : @ / + = -)");
        }
        return value;
    }
}
