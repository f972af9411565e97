package nl.overdracht.enrolment;

import java.util.List;
import java.util.Locale;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.profile.PupilId;

/** Reads a pupil id from a request: a known kind and a value that passes the kind's check. */
final class PupilIds {

    private PupilIds() {
    }

    /** The pupil id, or 422 naming the field at fault (never its value). */
    static PupilId parse(String kind, String value) {
        PupilId.Kind parsedKind;
        try {
            parsedKind = PupilId.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "pupilIdKind is not a known kind of pupil id.",
                    List.of(new Problem.FieldError("/pupilIdKind", "one of BSN, ONDERWIJSNUMMER, RIJKSREGISTERNUMMER")));
        }
        return PupilId.parse(parsedKind, value).orElseThrow(() -> new ApiException(ProblemType.UNPROCESSABLE,
                "pupilId does not pass the check of a " + parsedKind + ".",
                List.of(new Problem.FieldError("/pupilId", "fails the " + parsedKind + " check", "invalid-pupil-id"))));
    }
}
