package nl.overdracht.profile;

import java.util.List;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.ProblemType;

/** The dossier is well-formed but holds data the profile does not let pass (422); names every violation. */
public class DossierRejectedException extends ApiException {

    private final List<Violation> violations;

    public DossierRejectedException(List<Violation> violations) {
        super(ProblemType.DOSSIER_REJECTED, violations.size() + " field(s) of the dossier may not be transferred.",
                violations.stream().map(Violation::toFieldError).toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
