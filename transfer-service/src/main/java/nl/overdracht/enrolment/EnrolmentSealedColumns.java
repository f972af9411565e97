package nl.overdracht.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.overdracht.crypto.SealedColumnOwner;
import nl.overdracht.crypto.SealedColumns;

/** The enrolment's sealed value, for the key re-wrap: the pupil id. */
@ApplicationScoped
class EnrolmentSealedColumns implements SealedColumnOwner {

    @Override
    public List<SealedColumns> sealedColumns() {
        return List.of(new SealedColumns("enrolment", "pupil_id_wrapped_key", "pupil_id_key_version"));
    }
}
