/**
 * School-career feedback: once a delivered dossier's period has passed, the receiving school reports
 * how the pupil fares, as one code of a list kept as data; the sending school, and its region's
 * operator, see the outcomes counted per school year and advice level, every count under k and
 * every count that subtraction would give away hidden ({@link nl.overdracht.feedback.OutcomeSuppression}).
 *
 * <p>Owns: {@code /api/v1/career-feedback/**} and {@code /api/v1/operator/career-outcomes}; the
 * {@code career_outcome_code}, {@code career_feedback_expected} and {@code career_outcome} tables
 * (their SQL in {@link nl.overdracht.feedback.CareerFeedbackRepository}), with their part of a purge
 * and their housekeeping.
 *
 * <p>Must not: store a reported code anywhere it can be linked to a dossier, delivery or pupil (the
 * outcome is only ever a count keyed by the two schools, the school year, the advice level and the
 * code); put the code in an audit entry, event, log line or metric; show a count under k.
 */
package nl.overdracht.feedback;
