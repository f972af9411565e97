package nl.overdracht.settings;

import static nl.overdracht.settings.SettingsCheck.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requires the database's URLs, the role requests run as and the role migrations run as; the URLs
 * must be PostgreSQL's. The migrations' JDBC URL may come from {@code quarkus.flyway.jdbc-url} instead
 * of {@code quarkus.datasource.jdbc.url}.
 */
public final class DatabaseSettingsCheck implements SettingsCheck<DatabaseSettings> {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String MIGRATION_JDBC_URL = "quarkus.flyway.jdbc-url";

    @Override
    public Class<DatabaseSettings> settings() {
        return DatabaseSettings.class;
    }

    @Override
    public List<SettingProblem> problems(DatabaseSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        given(settings.reactiveUrl()).ifPresentOrElse(url -> {
            if (!Addresses.isPostgresUrl(url)) {
                problems.add(new SettingProblem(REACTIVE_URL, "is not a PostgreSQL URL (postgresql://host:port/database)"));
            }
        }, () -> problems.add(SettingProblem.missing(REACTIVE_URL,
                "the PostgreSQL requests and jobs run on, e.g. postgresql://db.example:5432/overdracht")));
        Optional<String> jdbcUrl = given(settings.jdbcUrl());
        Optional<String> migrationJdbcUrl = given(settings.migrationJdbcUrl());
        jdbcUrl.ifPresent(url -> jdbcProblem(JDBC_URL, url).ifPresent(problems::add));
        migrationJdbcUrl.ifPresent(url -> jdbcProblem(MIGRATION_JDBC_URL, url).ifPresent(problems::add));
        if (jdbcUrl.isEmpty() && migrationJdbcUrl.isEmpty()) {
            problems.add(SettingProblem.missing(JDBC_URL, "the same database for the migrations, e.g. "
                    + "jdbc:postgresql://db.example:5432/overdracht (or " + MIGRATION_JDBC_URL + " for them alone)"));
        }
        required(settings.username(), "quarkus.datasource.username", "the role requests and jobs run as (overdracht_app)",
                problems);
        required(settings.password(), "quarkus.datasource.password", "that role's password", problems);
        required(settings.migrationUsername(), "quarkus.flyway.username",
                "the role that owns the schema and runs the migrations (overdracht_owner)", problems);
        required(settings.migrationPassword(), "quarkus.flyway.password", "that role's password", problems);
        return problems;
    }

    private static Optional<SettingProblem> jdbcProblem(String property, String url) {
        return Addresses.isJdbcPostgresUrl(url) ? Optional.empty()
                : Optional.of(new SettingProblem(property, "is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)"));
    }

    private static void required(Optional<String> value, String property, String whatItIs, List<SettingProblem> problems) {
        if (given(value).isEmpty()) {
            problems.add(SettingProblem.missing(property, whatItIs));
        }
    }
}
