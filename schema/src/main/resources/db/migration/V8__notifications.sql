-- What a school is told about its dossiers, written by a consumer of dossier-events: ids, kinds
-- and times only.
CREATE TABLE school_notification (
    id         UUID PRIMARY KEY,
    school     TEXT        NOT NULL,
    dossier_id UUID        NOT NULL,
    kind       TEXT        NOT NULL,
    event_id   UUID        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX school_notification_school ON school_notification (school, created_at);
