package nl.overdracht.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.overdracht.crypto.SealedColumnOwner;
import nl.overdracht.crypto.SealedColumns;

/** The dossier's sealed values, for the key re-wrap: each revision's content and the pupil id. */
@ApplicationScoped
class DossierSealedColumns implements SealedColumnOwner {

    @Override
    public List<SealedColumns> sealedColumns() {
        return List.of(
                new SealedColumns("dossier_revision", "wrapped_key", "key_version"),
                new SealedColumns("dossier", "pupil_id_wrapped_key", "pupil_id_key_version"));
    }
}
