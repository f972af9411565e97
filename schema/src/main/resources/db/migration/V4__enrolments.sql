-- Enrolments recorded by receiving schools. The pupil id is stored encrypted with a keyed blind
-- index for matching; an enrolment waits unmatched until its dossier comes. A dossier that names
-- another receiving school does not match: the conflict is kept for the sending school and the
-- operator to see.
CREATE TABLE enrolment (
    id                   UUID PRIMARY KEY,
    receiving_school     TEXT        NOT NULL,
    sending_school       TEXT,
    pupil_index          BYTEA       NOT NULL,
    pupil_id_ciphertext  BYTEA,
    pupil_id_wrapped_key BYTEA,
    pupil_id_key_version TEXT,
    enrolment_date       DATE        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    matched_dossier_id   UUID REFERENCES dossier (id),
    matched_at           TIMESTAMPTZ,
    conflict_dossier_id  UUID REFERENCES dossier (id)
);

CREATE INDEX enrolment_waiting ON enrolment (pupil_index) WHERE matched_dossier_id IS NULL;
CREATE INDEX enrolment_school ON enrolment (receiving_school, created_at);
