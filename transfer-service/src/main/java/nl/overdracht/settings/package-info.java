/**
 * The settings a start needs, checked all at once before anything runs.
 *
 * <p>Owns: the check that runs while the configuration is built, the very first step of a start,
 * before Flyway, the timers, the Kafka consumers or the HTTP listeners ({@link
 * nl.overdracht.settings.RequiredSettings}); the one message that names every missing or invalid
 * setting by property name; the {@link nl.overdracht.settings.SettingsCheck} each feature package
 * implements for its own configuration mapping; and the checks of the settings no feature owns: the
 * database, the migration owner and Kafka. The embedded run passes the same check: the embedded
 * module supplies its settings before the configuration is built.
 *
 * <p>Must not: quote a value in a problem (a URL can carry a password, a key is a secret; a file
 * path may be named); connect to anything; depend on a feature package.
 */
package nl.overdracht.settings;
