package nl.overdracht.profile;

import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/** The body is larger than the profile (or, before the profile is known, any profile) allows (413). */
public class DossierTooLargeException extends ApiException {
    public DossierTooLargeException(long size, long limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "The dossier has " + size + " bytes; at most " + limit + " are accepted.");
    }
}
