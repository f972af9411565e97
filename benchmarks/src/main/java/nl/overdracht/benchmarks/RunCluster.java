package nl.overdracht.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import nl.overdracht.embedded.DatabaseRoles;
import nl.overdracht.embedded.DevSigningKey;

/**
 * The production topology on one machine ({@code deploy/run-cluster.sh}): one PostgreSQL and one
 * Kafka as processes of their own and N replicas (default 2) of the packaged production jar against
 * them ({@link ProductionTopology}). The first replica starts alone and migrates the schema as
 * {@value DatabaseRoles#OWNER}, as every start of the service does (Flyway, at start); the others
 * start once it is ready and find nothing to migrate. Prints where each replica answers and how to
 * mint tokens, then runs until stopped (Ctrl-C or SIGTERM), when it stops the replicas (SIGTERM), the
 * broker and the database, keeping their data and logs.
 *
 * <p>Arguments: {@code --replicas N} (default 2), {@code --jar PATH} (default
 * {@code transfer-service/target/quarkus-app/quarkus-run.jar}), {@code --work-dir PATH} (default
 * {@code benchmarks/target/cluster}, wiped at the start).
 */
public final class RunCluster {

    private RunCluster() {
    }

    public static void main(String[] args) throws Exception {
        Arguments given = new Arguments(args, "--replicas", "--jar", "--work-dir");
        int replicas = given.integer("--replicas", 2);
        Path jar = given.path("--jar", "transfer-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -B -Dproduction package -DskipTests");
        }
        ProductionTopology topology = ProductionTopology.start(given.path("--work-dir", "benchmarks/target/cluster"),
                jar, Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                topology.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "cluster-stop"));
        System.out.printf(Locale.ROOT, "PostgreSQL %s, Kafka %s; data, keys and logs in %s%n", topology.postgres(),
                topology.kafka(), topology.directory());
        List<ProductionTopology.Replica> started = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            ProductionTopology.Replica replica = topology.replica("replica-" + i);
            ServiceProcess process = topology.start(replica);
            started.add(replica);
            System.out.printf(Locale.ROOT, "%s ready (pid %d)%s%n", replica.name(), process.pid(),
                    i == 1 ? ", the schema migrated as " + DatabaseRoles.OWNER : "");
        }
        System.out.println();
        for (ProductionTopology.Replica replica : started) {
            System.out.printf(Locale.ROOT, "%-10s API %s   health http://%s:%d/q/health/ready   log %s%n", replica.name(),
                    replica.api(), "127.0.0.1", replica.managementPort(), replica.log());
        }
        System.out.printf(Locale.ROOT, "%nRegistration is required: register schools with an operator's token first."
                + "%nTokens (issuer %s):%n  deploy/mint-token.sh --key %s --region noord --role operator"
                + "%n  deploy/mint-token.sh --key %s --school 00YY00 --role sending-school%n"
                + "Ctrl-C stops the replicas, Kafka and PostgreSQL.%n", DevSigningKey.ISSUER,
                topology.signingKeyFile(), topology.signingKeyFile());
        stopped.await();
    }
}
