-- School-career feedback. The outcome codes are data. A dossier's coarse advice level waits in
-- career_feedback_expected until its receiving school reports an outcome; then the advice level is
-- cleared there and the outcome is added to a count in career_outcome, which names the two schools,
-- the school year, the advice level and the code, and nothing that leads to a pupil, dossier or
-- delivery: no id, no time, no order.
CREATE TABLE career_outcome_code (
    code     TEXT PRIMARY KEY,
    label_nl TEXT    NOT NULL,
    label_en TEXT    NOT NULL,
    position INT     NOT NULL,
    active   BOOLEAN NOT NULL DEFAULT TRUE
);

INSERT INTO career_outcome_code (code, label_nl, label_en, position) VALUES
    ('advised-track', 'Op het geadviseerde niveau', 'In the advised track', 1),
    ('higher-track', 'Op een hoger niveau dan geadviseerd', 'In a higher track than advised', 2),
    ('lower-track', 'Op een lager niveau dan geadviseerd', 'In a lower track than advised', 3),
    ('changed-school', 'Naar een andere school', 'Changed school', 4),
    ('left', 'Vertrokken uit het onderwijs of onbekend', 'Left education, or whereabouts unknown', 5);

-- One row per dossier from intake. receiving_school, school_year and acknowledged_at are set when the
-- receiving school acknowledges the delivery; advice_level is cleared when the outcome is reported.
-- A dossier purged undelivered loses its row; a delivered one keeps it until the report, or until the
-- reporting period has lapsed.
CREATE TABLE career_feedback_expected (
    dossier_id       UUID PRIMARY KEY REFERENCES dossier (id),
    sending_school   TEXT        NOT NULL,
    advice_level     TEXT,
    receiving_school TEXT,
    school_year      TEXT,
    acknowledged_at  TIMESTAMPTZ,
    reported_at      TIMESTAMPTZ
);

CREATE INDEX career_feedback_due ON career_feedback_expected (receiving_school, acknowledged_at)
    WHERE acknowledged_at IS NOT NULL AND reported_at IS NULL;

CREATE TABLE career_outcome (
    sending_school   TEXT NOT NULL,
    receiving_school TEXT NOT NULL,
    school_year      TEXT NOT NULL,
    advice_level     TEXT NOT NULL,
    code             TEXT NOT NULL REFERENCES career_outcome_code (code),
    pupils           INT  NOT NULL CHECK (pupils > 0),
    PRIMARY KEY (sending_school, receiving_school, school_year, advice_level, code)
);

GRANT SELECT ON career_outcome_code TO overdracht_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON career_feedback_expected TO overdracht_app;
GRANT SELECT, INSERT, UPDATE ON career_outcome TO overdracht_app;
