package nl.overdracht.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a profile's dossiers name the schools taking part.
 *
 * @param sendingSchool where the dossier names the school it comes from, if the format has a place
 * @param receivingSchool where the dossier names the school it goes to, if the format has a place
 */
public record Parties(Optional<SchoolReference> sendingSchool, Optional<SchoolReference> receivingSchool) {

    public static final Parties NONE = new Parties(Optional.empty(), Optional.empty());

    public Parties {
        Objects.requireNonNull(sendingSchool, "sendingSchool");
        Objects.requireNonNull(receivingSchool, "receivingSchool");
    }
}
