-- An OBJECTED dossier whose profile makes sections mandatory to transfer is still released when its
-- window elapses (only those sections are delivered); its life has not ended (ended_at IS NULL)
-- until then. The lifecycle timer finds these by window end, as it finds OBJECTION_WINDOW ones.
CREATE INDEX dossier_objected_due ON dossier (window_ends_at) WHERE state = 'OBJECTED' AND ended_at IS NULL;
