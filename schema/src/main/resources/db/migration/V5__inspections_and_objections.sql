-- What the sending school records on the parents' behalf: that they inspected the dossier (and
-- agreed or not, with their reason stored encrypted), and their objections, to the whole dossier
-- or to named sections, until the objection window closes.
CREATE TABLE inspection (
    id                UUID PRIMARY KEY,
    dossier_id        UUID        NOT NULL REFERENCES dossier (id),
    inspected_on      DATE        NOT NULL,
    agreed            BOOLEAN     NOT NULL,
    reason_ciphertext BYTEA,
    reason_wrapped_key BYTEA,
    reason_key_version TEXT,
    recorded_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX inspection_dossier ON inspection (dossier_id, recorded_at);

CREATE TABLE objection (
    id           UUID PRIMARY KEY,
    dossier_id   UUID        NOT NULL REFERENCES dossier (id),
    whole        BOOLEAN     NOT NULL,
    sections     TEXT[]      NOT NULL,
    objected_by  TEXT        NOT NULL,
    objected_on  DATE        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    withdrawn_at TIMESTAMPTZ
);

CREATE INDEX objection_dossier ON objection (dossier_id) WHERE withdrawn_at IS NULL;
