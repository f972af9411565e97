/**
 * Embedded PostgreSQL 17 and single-node KRaft Kafka for development, the tests and the demo.
 *
 * <p>Owns: starting both when no URLs are configured (through {@link
 * nl.overdracht.embedded.EmbeddedInfrastructureConfigSourceFactory}), the directory their data
 * lives in, stopping both after the service has stopped ({@link nl.overdracht.embedded.AfterTheService}),
 * the service's database and its two roles on a PostgreSQL made for development or tests
 * ({@link nl.overdracht.embedded.DatabaseRoles}, applying the DBA's own script), and the development
 * JWT signing key with {@link nl.overdracht.embedded.MintToken}; and, for the suites that run the
 * service against servers outside it, a PostgreSQL and a Kafka of their own that they stop, freeze
 * and restart ({@link nl.overdracht.embedded.StandalonePostgres}, {@link nl.overdracht.embedded.StandaloneKafka})
 * and a Kafka secured as in production ({@link nl.overdracht.embedded.SecuredKafka}).
 *
 * <p>Must not: be part of a production build (the service never refers to this package; the
 * module is added only by the {@code embedded} Maven profile and for the tests), or start anything
 * when {@code quarkus.datasource.reactive.url} or {@code kafka.bootstrap.servers} is configured.
 */
package nl.overdracht.embedded;
