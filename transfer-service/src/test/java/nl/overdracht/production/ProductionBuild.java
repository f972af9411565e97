package nl.overdracht.production;

import java.nio.file.Path;

/** Where the tests of the production build find what the build made, and the tag that selects them. */
final class ProductionBuild {

    /** The JUnit tag of these tests: failsafe's production-build execution runs exactly these. */
    static final String TAG = "production-build";

    private ProductionBuild() {
    }

    /** The module's build directory, which holds the production jar and the record of it. */
    static Path buildDirectory() {
        return Path.of(System.getProperty("overdracht.build.directory", "target"));
    }

    /** The output of the service {@code @QuarkusIntegrationTest} started. */
    static Path serviceLog() {
        return buildDirectory().resolve("quarkus.log");
    }
}
