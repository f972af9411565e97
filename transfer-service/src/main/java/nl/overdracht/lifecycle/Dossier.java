package nl.overdracht.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored dossier as the services see it: ids, profile, schools, its typed state and times, and
 * the hashes. Never content; the pupil's blind index only for comparing revisions.
 *
 * @param receivingSchool the school the dossier names, or the one that enrolled the pupil; null until known
 * @param pupilIndex the keyed blind index of the pupil id; null once purged
 */
public record Dossier(UUID id, String profileId, String profileVersion, String transferKind, String sendingSchool,
        String receivingSchool, int revision, TransferState state, byte[] contentSha256, byte[] pupilIndex,
        Instant createdAt, Instant updatedAt, Instant expiresAt, Instant windowEndsAt, Instant releasedAt,
        Instant purgedAt) {

    public Dossier {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        contentSha256 = contentSha256.clone();
        pupilIndex = pupilIndex == null ? null : pupilIndex.clone();
    }

    @Override
    public byte[] contentSha256() {
        return contentSha256.clone();
    }

    @Override
    public byte[] pupilIndex() {
        return pupilIndex == null ? null : pupilIndex.clone();
    }

    /** The profile and version, as the revision's associated data names them: {@code id@version}. */
    public String profileKey() {
        return profileId + "@" + profileVersion;
    }

    @Override
    public String toString() {
        return "Dossier[id=" + id + ", state=" + state.name() + ", revision=" + revision + "]";
    }
}
