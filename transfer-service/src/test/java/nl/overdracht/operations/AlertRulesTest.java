package nl.overdracht.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.overdracht.audit.AuditLog;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Transfers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the Grafana dashboard under {@code k8s/base/monitoring} name only metrics the running
 * service has at {@code /q/metrics}: a renamed or misspelt metric fails here, not on a night the alert should
 * have fired. (k8s-check validates the PrometheusRule against its schema.)
 */
@QuarkusTest
class AlertRulesTest {

    private static final Path MONITORING = Path.of("..", "k8s", "base", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\boverdracht_[a-z0-9_]+");

    @Inject
    DomainGauges gauges;

    @Inject
    AuditLog audit;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void every_metric_an_alert_rule_names_is_served() throws IOException {
        String rules = Files.readString(MONITORING.resolve("prometheusrule.yaml"));
        List<String> expressions = expressions(rules);
        assertThat(expressions).hasSize(6).allSatisfy(expr -> assertThat(expr).containsPattern("overdracht_|up\\{"));

        Set<String> named = metricsIn(String.join("\n", expressions));
        assertThat(named).contains("overdracht_outbox_oldest_unpublished_age_seconds",
                "overdracht_audit_last_checkpoint_age_seconds", "overdracht_stuck_items",
                "overdracht_background_last_round_age_seconds");
        assertThat(served()).containsAll(named);
    }

    @Test
    void every_metric_the_dashboard_names_is_served() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertThat(expressions).hasSizeGreaterThan(15);

        Set<String> named = metricsIn(String.join("\n", expressions));
        assertThat(named).contains("overdracht_dossiers", "overdracht_queue_oldest_age_seconds",
                "overdracht_packages_created_total", "overdracht_dossiers_rejected_total");
        assertThat(served()).containsAll(named);
    }

    /** The names at {@code /q/metrics} once the gauges are computed and a refusal has been counted. */
    private Set<String> served() {
        String sending = TestSchools.dutch();
        OperationsFixtures.submitNotWhitelisted(sending);
        audit.drain().await().atMost(Transfers.WAIT);
        gauges.refresh().await().atMost(Transfers.WAIT);
        return Awaitility.await("the refusal counted").atMost(Transfers.WAIT)
                .until(() -> Scrape.of(metrics).names(), names -> names.contains("overdracht_dossiers_refused_total"));
    }

    /** The {@code expr} of each rule, folded lines joined. */
    private static List<String> expressions(String rules) {
        List<String> expressions = new ArrayList<>();
        String[] lines = rules.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.startsWith("expr:")) {
                continue;
            }
            StringBuilder expr = new StringBuilder(line.substring("expr:".length()).trim());
            if (expr.toString().equals(">-")) {
                expr.setLength(0);
                int indent = lines[i + 1].length() - lines[i + 1].stripLeading().length();
                while (i + 1 < lines.length && lines[i + 1].length() - lines[i + 1].stripLeading().length() == indent
                        && !lines[i + 1].isBlank()) {
                    expr.append(' ').append(lines[++i].trim());
                }
            }
            expressions.add(expr.toString().trim());
        }
        return expressions;
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
