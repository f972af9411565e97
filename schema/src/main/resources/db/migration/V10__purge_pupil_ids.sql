-- A purge leaves no pupil id behind: the blind index goes with the sealed pupil id, from the dossier
-- and from its enrolment, so a purged row can neither be read back nor linked to the same pupil's
-- other rows. Until its purge every row keeps its blind index (the checks below).
ALTER TABLE dossier ALTER COLUMN pupil_index DROP NOT NULL;
ALTER TABLE dossier ADD CONSTRAINT dossier_pupil_index_until_purge
    CHECK (pupil_index IS NOT NULL OR purged_at IS NOT NULL);

-- An enrolment is purged with the dossier it matched, or, when it matched none, after
-- overdracht.lifecycle.unmatched-enrolment-retention counted from created_at (configuration, not a
-- stored date, so a changed retention applies to the enrolments already waiting). A purged
-- enrolment keeps ids, schools and dates; it waits no more and never matches.
ALTER TABLE enrolment ALTER COLUMN pupil_index DROP NOT NULL;
ALTER TABLE enrolment ADD COLUMN purged_at TIMESTAMPTZ;
ALTER TABLE enrolment ADD CONSTRAINT enrolment_pupil_index_until_purge
    CHECK (pupil_index IS NOT NULL OR purged_at IS NOT NULL);

DROP INDEX enrolment_waiting;
CREATE INDEX enrolment_waiting ON enrolment (pupil_index) WHERE matched_dossier_id IS NULL AND purged_at IS NULL;
CREATE INDEX enrolment_unmatched_age ON enrolment (created_at) WHERE matched_dossier_id IS NULL AND purged_at IS NULL;
CREATE INDEX enrolment_matched_dossier ON enrolment (matched_dossier_id) WHERE matched_dossier_id IS NOT NULL;
