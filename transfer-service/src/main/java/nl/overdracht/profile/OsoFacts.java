package nl.overdracht.profile;

import static nl.overdracht.profile.OsoDossierReader.BSN;
import static nl.overdracht.profile.OsoDossierReader.DOCUMENT_KIND;
import static nl.overdracht.profile.OsoDossierReader.INZAGE;
import static nl.overdracht.profile.OsoDossierReader.ONDERWIJSNUMMER;
import static nl.overdracht.profile.OsoDossierReader.STANDARD_VERSION;
import static nl.overdracht.profile.OsoDossierReader.TRANSFER_KIND;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * What follows from one pass over an OSO dossier ({@link OsoScan}): its standard version, its kind
 * of transfer and whether the profile carries it, the inzage block its transfer kind asks for, the
 * pupil's identifier, the schools it names and whether it asks for a warm handover.
 */
final class OsoFacts {

    private final OsoScan scan;
    private final Profile profile;
    private final OsoRules rules;
    private final Violations violations;
    private final Map<String, String> captured;

    OsoFacts(OsoScan scan) {
        this.scan = scan;
        this.profile = scan.profile;
        this.rules = scan.rules;
        this.violations = scan.violations;
        this.captured = scan.captured;
    }

    /** The dossier as intake needs it; null when anything is wrong (the violations say what). */
    InspectedDossier conclude(byte[] body) {
        String version = captured.get(STANDARD_VERSION);
        if (version == null || !rules.standardVersions().contains(version)) {
            violations.add(STANDARD_VERSION, Violation.UNSUPPORTED_VERSION,
                    "The standaardversie must be one of " + rules.standardVersions() + ".");
        }
        String documentKind = captured.get(DOCUMENT_KIND);
        if (documentKind != null && !rules.documentKinds().contains(documentKind)) {
            violations.add(DOCUMENT_KIND, Violation.UNSUPPORTED_TRANSFER_KIND, rules.refusedKinds().getOrDefault(documentKind,
                    "The overdrachtsoort must be one of " + rules.documentKinds() + "."));
        }
        String kind = captured.get(TRANSFER_KIND);
        OsoRules.TransferKind rule = kind == null ? null : rules.transferKinds().get(kind);
        if (kind == null) {
            violations.add(TRANSFER_KIND, Violation.TRANSFER_KIND_MISSING,
                    "The overstap must state the transfer kind, one of " + rules.transferKinds().keySet() + ".");
        } else if (rule == null) {
            violations.add(TRANSFER_KIND, Violation.UNSUPPORTED_TRANSFER_KIND, rules.refusedKinds().getOrDefault(kind,
                    "The transfer kind must be one of " + rules.transferKinds().keySet() + "."));
        }
        Optional<InspectionRecord> inspection = inspection();
        checkInspection(kind, rule, inspection);
        PupilId pupilId = pupilId();
        Optional<String> sendingSchool = school(profile.parties().sendingSchool());
        Optional<String> receivingSchool = school(profile.parties().receivingSchool());
        if (!violations.isEmpty()) {
            return null;
        }
        return new InspectedDossier(profile, pupilId, receivingSchool, sendingSchool, Optional.ofNullable(kind),
                scan.sectionsPresent, inspection, body, contactRequested()).withAdvice(adviceLevel());
    }

    private void checkInspection(String kind, OsoRules.TransferKind rule, Optional<InspectionRecord> inspection) {
        if (inspection.isEmpty()) {
            violations.add(INZAGE, Violation.INZAGE_MISSING,
                    "The inzage block is required: parents inspect the dossier before it is sent (WPO art. 42).");
        } else if (rule != null && rule.inzage() == OsoRules.InzageRule.RECORDED) {
            if (!inspection.get().inspected()) {
                violations.add(INZAGE + "/inzage", Violation.INZAGE_MISSING,
                        "A " + kind + " dossier must record that the parents inspected it.");
            }
            if (!scan.presentPaths.contains(INZAGE + "/inzagedatum")) {
                violations.add(INZAGE + "/inzagedatum", Violation.INZAGE_MISSING,
                        "A " + kind + " dossier must record the date of the parents' inspection.");
            }
        } else if (rule != null && !inspection.get().consent().orElse(false)) {
            violations.add(INZAGE + "/toestemming", Violation.CONSENT_MISSING,
                    "A " + kind + " dossier needs the consent (toestemming Ja) of the parents or the pupil.");
        }
    }

    /** The school the dossier names where {@code reference} says, if the profile has such a place. */
    private Optional<String> school(Optional<SchoolReference> reference) {
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> id = reference.get().idFrom(captured::get);
        if (id.isEmpty() && reference.get().required()) {
            violations.add(reference.get().pointer(), Violation.REQUIRED_MISSING, "The dossier must name this school.");
        }
        return id;
    }

    /** The inzage block as recorded; its date's validity is the value check's concern. */
    private Optional<InspectionRecord> inspection() {
        if (!scan.presentPaths.contains(INZAGE)) {
            return Optional.empty();
        }
        String dateText = captured.get(INZAGE + "/inzagedatum");
        Optional<LocalDate> date = dateText == null ? Optional.empty()
                : rules.elements().valueOf(INZAGE + "/inzagedatum").flatMap(rule -> rule.date(dateText));
        return Optional.of(new InspectionRecord("true".equals(captured.get(INZAGE + "/voorlopigdossier")),
                "true".equals(captured.get(INZAGE + "/inzage")), date, jaNee(captured.get(INZAGE + "/akkoord")),
                scan.presentPaths.contains(INZAGE + "/redennietakkoord"), jaNee(captured.get(INZAGE + "/toestemming"))));
    }

    /** OSO {@code contactnodig}: an xs:boolean, {@code true} or {@code 1}; absent means no. */
    private boolean contactRequested() {
        String value = captured.get(OsoDossierReader.CONTACT_NEEDED);
        return "true".equals(value) || "1".equals(value);
    }

    /** The revised advice where there is one, else the school's advice. */
    private AdviceLevel adviceLevel() {
        String revised = captured.get(OsoDossierReader.REVISED_ADVICE);
        return AdviceLevel.ofDuoCode(revised != null ? revised : captured.get(OsoDossierReader.SCHOOL_ADVICE));
    }

    private PupilId pupilId() {
        String path = captured.containsKey(BSN) ? BSN : ONDERWIJSNUMMER;
        PupilId.Kind kind = captured.containsKey(BSN) ? PupilId.Kind.BSN : PupilId.Kind.ONDERWIJSNUMMER;
        String value = captured.get(path);
        if (value == null) {
            violations.add(BSN, Violation.PUPIL_ID_MISSING, "The pupil needs a bsn or an onderwijsnummer.");
            return null;
        }
        Optional<PupilId> id = PupilId.parse(kind, value);
        if (id.isEmpty()) {
            violations.add(path, Violation.INVALID_PUPIL_ID, "The " + kind + " fails its check-digit test.");
        }
        return id.orElse(null);
    }

    private static Optional<Boolean> jaNee(String value) {
        if ("Ja".equalsIgnoreCase(value)) {
            return Optional.of(true);
        }
        return "Nee".equalsIgnoreCase(value) ? Optional.of(false) : Optional.empty();
    }
}
