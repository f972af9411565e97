package nl.overdracht.objection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.overdracht.crypto.SealedColumnOwner;
import nl.overdracht.crypto.SealedColumns;

/** The inspection record's sealed value, for the key re-wrap: the parents' reason for disagreeing. */
@ApplicationScoped
class InspectionSealedColumns implements SealedColumnOwner {

    @Override
    public List<SealedColumns> sealedColumns() {
        return List.of(new SealedColumns("inspection", "reason_wrapped_key", "reason_key_version"));
    }
}
