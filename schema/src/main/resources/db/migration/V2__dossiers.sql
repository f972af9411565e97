-- Dossiers and their revisions. A revision's content is stored only encrypted (AES-256-GCM under a
-- fresh data key, wrapped by a versioned key-encryption key); the pupil id only encrypted plus a
-- keyed blind index (HMAC-SHA256) for matching enrolments. After a purge the rows keep ids,
-- states, times and hashes; ciphertext and wrapped keys are gone.
CREATE TABLE dossier (
    id                   UUID PRIMARY KEY,
    profile_id           TEXT        NOT NULL,
    profile_version      TEXT        NOT NULL,
    transfer_kind        TEXT,
    sending_school       TEXT        NOT NULL,
    receiving_school     TEXT,
    state                TEXT        NOT NULL,
    revision             INT         NOT NULL,
    pupil_index          BYTEA       NOT NULL,
    pupil_id_ciphertext  BYTEA,
    pupil_id_wrapped_key BYTEA,
    pupil_id_key_version TEXT,
    content_sha256       BYTEA       NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    expires_at           TIMESTAMPTZ NOT NULL,
    enrolment_id         UUID,
    matched_at           TIMESTAMPTZ,
    window_ends_at       TIMESTAMPTZ,
    released_at          TIMESTAMPTZ,
    ended_at             TIMESTAMPTZ,
    purge_after          TIMESTAMPTZ,
    purged_at            TIMESTAMPTZ
);

CREATE INDEX dossier_sending ON dossier (sending_school, state);
CREATE INDEX dossier_receiving ON dossier (receiving_school, state);
CREATE INDEX dossier_awaiting ON dossier (pupil_index) WHERE state = 'AWAITING_ENROLMENT';
CREATE INDEX dossier_window_due ON dossier (window_ends_at) WHERE state = 'OBJECTION_WINDOW';
CREATE INDEX dossier_expiry_due ON dossier (expires_at) WHERE state = 'AWAITING_ENROLMENT';
CREATE INDEX dossier_purge_due ON dossier (purge_after) WHERE purged_at IS NULL AND purge_after IS NOT NULL;

CREATE TABLE dossier_revision (
    dossier_id     UUID        NOT NULL REFERENCES dossier (id),
    revision       INT         NOT NULL,
    ciphertext     BYTEA,
    wrapped_key    BYTEA,
    key_version    TEXT,
    content_sha256 BYTEA       NOT NULL,
    size_bytes     INT         NOT NULL,
    sections       TEXT[]      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dossier_id, revision)
);

CREATE INDEX dossier_revision_key_version ON dossier_revision (key_version) WHERE ciphertext IS NOT NULL;

-- A retried submission with the same Idempotency-Key gets the first answer again.
CREATE TABLE idempotency_key (
    school          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_sha256  BYTEA       NOT NULL,
    status          INT         NOT NULL,
    response        JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (school, idempotency_key)
);
