package nl.overdracht.registry;

import io.smallrye.mutiny.Uni;

/**
 * Told after a registry change to a school has committed (a certificate added or revoked, status
 * or accepted profiles changed), so that work waiting on the school can go on. A failure is
 * logged and does not undo the change; listeners must catch up on their own later.
 */
public interface RegistryListener {

    /** The school {@code schoolId} changed; answers when the listener has done what it does now. */
    Uni<Void> schoolChanged(String schoolId);
}
