package nl.overdracht.profile;

import java.util.Objects;
import nl.overdracht.platform.Problem;

/**
 * One reason a dossier may not be accepted.
 *
 * @param path a JSON Pointer (JSON dossiers) or an element path such as
 *     {@code /dossier/huidigeschool/leerling/bsn} (OSO XML); never a value
 * @param code a stable rule code, for example {@code not-whitelisted} or {@code forbidden-category}; for
 *     a business rule of the OSO standard's own validation its code there, such as {@code OVa.LL02}
 * @param reason a one-line explanation, usually with the legal basis; never a field value
 */
public record Violation(String path, String code, String reason) {

    public static final String NOT_WHITELISTED = "not-whitelisted";
    public static final String FORBIDDEN_CATEGORY = "forbidden-category";
    public static final String FORBIDDEN_FIELD = "forbidden-field";
    public static final String INZAGE_MISSING = "inzage-missing";
    public static final String CONSENT_MISSING = "consent-missing";
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    public static final String UNSUPPORTED_PROFILE = "unsupported-profile";
    public static final String UNSUPPORTED_TRANSFER_KIND = "unsupported-transfer-kind";
    public static final String TRANSFER_KIND_MISSING = "transfer-kind-missing";
    public static final String INVALID_CATEGORY_MARK = "invalid-category-mark";
    public static final String OUT_OF_ORDER = "out-of-order";
    public static final String INVALID_PUPIL_ID = "invalid-pupil-id";
    public static final String PUPIL_ID_MISSING = "pupil-id-missing";
    public static final String ATTACHMENT_TOO_LARGE = "attachment-too-large";
    public static final String INVALID_ATTACHMENT = "invalid-attachment";
    public static final String VERSLAG_MISSING = "verslag-missing";
    public static final String REQUIRED_MISSING = "required-missing";
    public static final String INVALID_TYPE = "invalid-type";
    public static final String XSD_INVALID = "xsd-invalid";
    public static final String DATE_IN_FUTURE = "date-in-future";
    /** A warning: data under a mark the profile removes rather than refuses was taken out. */
    public static final String REMOVED_FORBIDDEN_DATA = "removed-forbidden-data";
    public static final String INVALID_VALUE = "invalid-value";
    public static final String INVALID_CODE = "invalid-code";
    public static final String REPEATED = "repeated";
    public static final String RULES_NOT_EVALUATED = "rules-not-evaluated";

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** This violation as a field error of a problem details body. */
    public Problem.FieldError toFieldError() {
        return new Problem.FieldError(path, reason, code);
    }
}
