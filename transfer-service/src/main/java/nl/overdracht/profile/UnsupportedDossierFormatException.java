package nl.overdracht.profile;

import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/** The media type or the XML root is not a dossier format of any known profile (415). */
public class UnsupportedDossierFormatException extends ApiException {
    public UnsupportedDossierFormatException(String detail) {
        super(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
