-- The school registry: which schools take part, in which region, whether they are active, which
-- dossier profile versions they accept, and whether they want deliveries as AuthEnvelopedData
-- (AES-256-GCM) instead of EnvelopedData (AES-256-CBC). Operators keep it for their own region.
CREATE TABLE school (
    id                 TEXT PRIMARY KEY,
    name               TEXT        NOT NULL,
    region             TEXT        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    accepted_profiles  TEXT[]      NOT NULL,
    auth_enveloped     BOOLEAN     NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE INDEX school_region ON school (region, id);

-- The certificates deliveries are encrypted to. Several may be valid at once (a rotation); the
-- most recently added one that is valid now and not revoked is the school's current certificate.
-- Rows are never deleted: a revoked certificate keeps its row, so the audit log's fingerprints
-- stay resolvable.
CREATE TABLE school_certificate (
    id            UUID PRIMARY KEY,
    school_id     TEXT        NOT NULL REFERENCES school (id),
    der           BYTEA       NOT NULL,
    sha256        BYTEA       NOT NULL,
    subject       TEXT        NOT NULL,
    key_algorithm TEXT        NOT NULL,
    not_before    TIMESTAMPTZ NOT NULL,
    not_after     TIMESTAMPTZ NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    UNIQUE (school_id, sha256)
);

CREATE INDEX school_certificate_current ON school_certificate (school_id, added_at DESC) WHERE revoked_at IS NULL;
