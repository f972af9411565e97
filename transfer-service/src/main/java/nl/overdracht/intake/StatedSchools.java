package nl.overdracht.intake;

import java.util.List;
import java.util.Optional;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;
import nl.overdracht.profile.InspectedDossier;
import nl.overdracht.profile.SchoolReference;
import nl.overdracht.registry.SchoolId;

/**
 * Holds the schools a dossier names to who is asking: the school that sends is the token's school
 * and the one the dossier says it comes from; a receiving school named both in the dossier and in
 * the request is the same one, and is not the sender. Where a profile's dossiers name a school is
 * profile data ({@link nl.overdracht.profile.Parties}).
 */
final class StatedSchools {

    /** The receiving school of a submission, and the place in the request that named it. */
    record Receiver(String id, String pointer) {
    }

    private StatedSchools() {
    }

    /**
     * The receiving school of a submission, after checking every school it names.
     *
     * @param dossier the inspected dossier
     * @param sender the token's school
     * @param requested the receiving school named by {@code ?receivingSchool=}, if any
     * @throws ApiException 422 {@code sender-mismatch} or {@code receiver-mismatch}, naming the path
     */
    static Optional<Receiver> check(InspectedDossier dossier, String sender, Optional<String> requested) {
        checkSender(dossier, sender);
        Optional<String> stated = dossier.receivingSchool();
        String receiverPath = dossier.profile().parties().receivingSchool().map(SchoolReference::pointer)
                .orElse("/receivingSchool");
        if (stated.isPresent() && !SchoolId.isValid(stated.get())) {
            throw new ApiException(ProblemType.UNKNOWN_SCHOOL, "The receiving school named in the dossier is not a "
                    + "school id, so no school could receive the dossier.",
                    List.of(new Problem.FieldError(receiverPath, SchoolId.DESCRIPTION, "not-a-school-id")));
        }
        if (stated.isPresent() && requested.isPresent() && !stated.get().equals(requested.get())) {
            throw new ApiException(ProblemType.RECEIVER_MISMATCH, "The receiving school named in the dossier and the "
                    + "one named by the receivingSchool parameter differ; name one school, or the same in both.",
                    List.of(new Problem.FieldError(receiverPath, "differs from the receivingSchool parameter",
                            "receiver-mismatch")));
        }
        Optional<Receiver> receiver = requested.map(id -> new Receiver(id, "/receivingSchool"))
                .or(() -> stated.map(id -> new Receiver(id, receiverPath)));
        if (receiver.isPresent() && receiver.get().id().equals(sender)) {
            throw new ApiException(ProblemType.RECEIVER_MISMATCH, "A school cannot send a dossier to itself.",
                    List.of(new Problem.FieldError(receiver.get().pointer(), "is the sending school", "receiver-is-sender")));
        }
        return receiver;
    }

    /** A revision, like the first submission, comes from the school the dossier names. */
    static void checkSender(InspectedDossier dossier, String sender) {
        Optional<String> stated = dossier.sendingSchool();
        if (stated.isPresent() && !stated.get().equals(sender)) {
            String path = dossier.profile().parties().sendingSchool().map(SchoolReference::pointer)
                    .orElse("/sendingSchool");
            throw new ApiException(ProblemType.SENDER_MISMATCH, "The dossier says it comes from another school than "
                    + "the token's school " + sender + "; a school sends only its own dossiers.",
                    List.of(new Problem.FieldError(path, "must name the token's school", "sender-mismatch")));
        }
    }
}
