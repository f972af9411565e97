package nl.overdracht.crypto;

import java.util.List;

/**
 * A package that stores sealed values (a bean implementing this) names the columns their wrapped
 * data keys live in, so that {@link KeyRewrapJob} re-wraps them after a key rotation without
 * knowing every table itself.
 */
public interface SealedColumnOwner {

    /** The columns of this package's tables that hold wrapped data keys. */
    List<SealedColumns> sealedColumns();
}
