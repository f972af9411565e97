package nl.overdracht.settings;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The PostgreSQL settings a start needs, as Quarkus reads them: the reactive URL requests and jobs
 * run on and the role they run as ({@code quarkus.datasource.*}), and where and as whom Flyway
 * migrates ({@code quarkus.datasource.jdbc.url} or {@code quarkus.flyway.jdbc-url}, and
 * {@code quarkus.flyway.username}/{@code password}: the schema's owner). Quarkus declares them
 * optional, and falls back to the datasource's role for the migrations; {@link DatabaseSettingsCheck}
 * requires them, so that the service never migrates as its request role by omission. One view over
 * both prefixes, because the migrations may take their URL from either.
 */
@Unremovable
@ConfigMapping(prefix = "quarkus")
public interface DatabaseSettings {

    @WithName("datasource.reactive.url")
    Optional<String> reactiveUrl();

    @WithName("datasource.jdbc.url")
    Optional<String> jdbcUrl();

    @WithName("datasource.username")
    Optional<String> username();

    @WithName("datasource.password")
    Optional<String> password();

    @WithName("flyway.jdbc-url")
    Optional<String> migrationJdbcUrl();

    @WithName("flyway.username")
    Optional<String> migrationUsername();

    @WithName("flyway.password")
    Optional<String> migrationPassword();
}
