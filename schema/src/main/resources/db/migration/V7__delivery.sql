-- Delivery packages: the released dossier, sections under objection removed, signed by Overdracht
-- and encrypted to the receiving school's certificate (CMS). Only the receiving school's private
-- key opens a package; it is deleted at purge.
CREATE TABLE delivery_package (
    dossier_id       UUID PRIMARY KEY REFERENCES dossier (id),
    receiving_school TEXT        NOT NULL,
    revision         INT         NOT NULL,
    certificate_id   UUID,
    content_sha256   BYTEA       NOT NULL,
    package          BYTEA,
    package_sha256   BYTEA,
    sections_removed TEXT[]      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    downloaded_at    TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ
);

CREATE INDEX delivery_package_school ON delivery_package (receiving_school, created_at) WHERE acknowledged_at IS NULL;
