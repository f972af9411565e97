-- Warm handover: a conversation between the sending and the receiving school beside the dossier,
-- for the pupils who need it. Only that contact was asked for (and whether the dossier or the
-- sending school asked), its state, planned and held times, participant roles (never names) and a
-- decline reason code are kept here; who the contact person is stays inside the sealed dossier.
-- The row is deleted with the dossier's purge.
CREATE TABLE handover (
    dossier_id      UUID PRIMARY KEY REFERENCES dossier (id),
    requested_by    TEXT        NOT NULL CHECK (requested_by IN ('dossier', 'sending-school')),
    state           TEXT        NOT NULL CHECK (state IN ('REQUESTED', 'SCHEDULED', 'HELD', 'DECLINED')),
    requested_at    TIMESTAMPTZ NOT NULL,
    scheduled_for   TIMESTAMPTZ,
    participants    TEXT[]      NOT NULL DEFAULT '{}',
    held_at         TIMESTAMPTZ,
    declined_reason TEXT,
    reminded_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- The reminder round's candidates: requested, not yet reminded.
CREATE INDEX handover_unreminded ON handover (requested_at) WHERE state = 'REQUESTED' AND reminded_at IS NULL;

-- Intake and the schools write and change a handover; the purge deletes it.
GRANT SELECT, INSERT, UPDATE, DELETE ON handover TO overdracht_app;
