-- Webhooks: each school's one HTTPS endpoint, and the notifications to deliver to it. Ids, states,
-- event types, times and status codes only; a delivery's body is the signed JSON of ids, states,
-- the event type and times, never a pupil id or dossier content.
CREATE TABLE webhook_endpoint (
    school     TEXT PRIMARY KEY,
    url        TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One notification to one school. Pending while next_attempt_at is set; then delivered or given up.
-- position orders the notifications of a dossier: a later one waits while an earlier one is pending.
CREATE TABLE webhook_delivery (
    position        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              UUID        NOT NULL UNIQUE,
    school          TEXT        NOT NULL,
    dossier_id      UUID        NOT NULL,
    event_type      TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    last_status     INT,
    last_error      TEXT,
    last_attempt_at TIMESTAMPTZ,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    given_up_at     TIMESTAMPTZ
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_delivery_pending ON webhook_delivery (school, dossier_id, position) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_delivery_school ON webhook_delivery (school, position);
CREATE INDEX webhook_delivery_ended ON webhook_delivery (created_at) WHERE next_attempt_at IS NULL;

-- Schools register, change and remove their endpoint (operators disable one); the sender claims,
-- records and finishes deliveries; housekeeping deletes the ended ones after their retention.
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoint TO overdracht_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_delivery TO overdracht_app;
