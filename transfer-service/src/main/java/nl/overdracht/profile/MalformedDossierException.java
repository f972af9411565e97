package nl.overdracht.profile;

import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/**
 * The body cannot be read as a dossier: not well-formed, a DTD or entity, too deep, too many
 * elements or fields (400). The detail names the limit or the position, never content.
 */
public class MalformedDossierException extends ApiException {
    public MalformedDossierException(String detail) {
        super(ProblemType.MALFORMED_DOSSIER, detail);
    }
}
