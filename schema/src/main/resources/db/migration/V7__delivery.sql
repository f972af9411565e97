-- Delivery packages: the released dossier, sections under objection removed, signed by Overdracht
-- and encrypted to the receiving school's certificate (CMS). Only the receiving school's private
-- key opens a package; it is deleted at purge. A package whose certificate was revoked or expired
-- with no successor is withheld (package, package_sha256 and certificate_id NULL) until the
-- school registers a new certificate. The dossier id is the delivery id. The acknowledgement is
-- the answer the school got (ids, hashes, times and the audit checkpoint), repeated verbatim.
CREATE TABLE delivery_package (
    dossier_id       UUID PRIMARY KEY REFERENCES dossier (id),
    receiving_school TEXT        NOT NULL,
    revision         INT         NOT NULL,
    certificate_id   UUID REFERENCES school_certificate (id),
    content_sha256   BYTEA       NOT NULL,
    media_type       TEXT        NOT NULL,
    package          BYTEA,
    package_sha256   BYTEA,
    sections_removed TEXT[]      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    packaged_at      TIMESTAMPTZ NOT NULL,
    downloaded_at    TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    acknowledgement  JSONB
);

CREATE INDEX delivery_package_school ON delivery_package (receiving_school, created_at) WHERE acknowledged_at IS NULL;
