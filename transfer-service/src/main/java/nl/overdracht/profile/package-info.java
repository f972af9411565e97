/**
 * Dossier profiles and the whitelist engine: which fields of a pupil dossier the law lets pass.
 *
 * <p>Owns: loading the profiles from the {@code schema} module ({@code profiles/index.json} and one
 * file per profile version, see its README) into {@link nl.overdracht.profile.ProfileCatalog}; the
 * hardened format readers (OSO gegevensset XML through StAX without DTDs or external entities, JSON
 * through Jackson with stream-read constraints); the one intake entry point
 * {@link nl.overdracht.profile.DossierInspector}, which names every offending path with a stable
 * rule code; for OSO, what the standard says of each element (order, type, code list; generated
 * profile data) and, when configured per version, the standard's official XSD and business-rule
 * XSLT ({@link nl.overdracht.profile.OsoStandardFiles}, compiled once at start, fed from the one
 * parse); {@link nl.overdracht.profile.SectionRedactor}, which drops sections under a partial
 * objection; pupil identifier checks ({@link nl.overdracht.profile.PupilId}); and
 * {@link nl.overdracht.profile.SampleDossiers}, fictional dossiers for tests and benchmarks.
 *
 * <p>Must not: store, log or put into an exception or violation any field value of a dossier
 * (paths, rule codes and counts only), nor pass on a validator's message that is not the
 * configured stylesheet's literal text; resolve a DTD, an entity or any external resource; hold
 * policy in Java that belongs in the profile files (adding a profile version is adding files);
 * know about the lifecycle, persistence, Kafka or HTTP beyond the problem types it raises.
 */
package nl.overdracht.profile;
