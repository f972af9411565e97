package nl.overdracht.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import nl.overdracht.lifecycle.TransferState.AwaitingEnrolment;
import nl.overdracht.lifecycle.TransferState.Deliverable;
import nl.overdracht.lifecycle.TransferState.ObjectionWindow;
import nl.overdracht.lifecycle.TransferState.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed transitions: each legal one builds its next state from the data it has; an illegal one does not compile. */
class TransferStateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final Duration RETENTION = Duration.ofDays(30);

    @TempDir
    Path sources;

    @Test
    void a_match_opens_the_window_with_the_enrolling_school_and_the_window_end() {
        UUID enrolment = UUID.randomUUID();

        Step<ObjectionWindow> step = new AwaitingEnrolment().match(enrolment, "99YY00", NOW, WINDOW);

        assertThat(step.name()).isEqualTo(TransitionName.MATCH);
        assertThat(step.from().name()).isEqualTo("AWAITING_ENROLMENT");
        assertThat(step.to()).isEqualTo(new ObjectionWindow("99YY00", enrolment, NOW, NOW.plus(WINDOW)));
    }

    @Test
    void the_whole_lifecycle_runs_through_the_typed_methods_with_its_stored_names() {
        ObjectionWindow window = new AwaitingEnrolment().match(UUID.randomUUID(), "99YY00", NOW, WINDOW).to();
        TransferState.Released released = window.release(NOW.plus(WINDOW)).to();
        Deliverable deliverable = released.packaged().to();
        Step<TransferState.Acknowledged> acknowledged = deliverable.acknowledge(NOW.plus(WINDOW), RETENTION);
        Step<TransferState.Purged> purged = acknowledged.to().purge(NOW.plus(WINDOW).plus(RETENTION));

        assertThat(List.of(window, released, deliverable, acknowledged.to(), purged.to()))
                .extracting(TransferState::name)
                .containsExactly("OBJECTION_WINDOW", "RELEASED", "DELIVERABLE", "ACKNOWLEDGED", "PURGED");
        assertThat(released.receivingSchool()).isEqualTo("99YY00");
        assertThat(acknowledged.to().purgeAfter()).isEqualTo(NOW.plus(WINDOW).plus(RETENTION));
        assertThat(new TransferState.Submitted().accept().to()).isEqualTo(new AwaitingEnrolment());
    }

    @Test
    void ended_states_carry_when_they_ended_and_when_they_are_purged() {
        assertThat(new AwaitingEnrolment().expire(NOW, RETENTION).to())
                .isEqualTo(new TransferState.Expired(NOW, NOW.plus(RETENTION)));
        assertThat(new AwaitingEnrolment().withdraw(NOW, RETENTION).to())
                .isEqualTo(new TransferState.Withdrawn(NOW, NOW.plus(RETENTION)));
        ObjectionWindow window = new AwaitingEnrolment().match(UUID.randomUUID(), "99YY00", NOW, WINDOW).to();
        assertThat(window.objectAndEnd(NOW, RETENTION).to()).isInstanceOf(TransferState.Ended.class);
        assertThat(window.object().to().release(NOW.plus(WINDOW)).to().receivingSchool()).isEqualTo("99YY00");
    }

    @Test
    void parents_may_act_before_the_match_and_until_the_window_closes_and_never_after() {
        ObjectionWindow window = new AwaitingEnrolment().match(UUID.randomUUID(), "99YY00", NOW, WINDOW).to();

        assertThat(new AwaitingEnrolment().parentsMayAct(NOW)).isTrue();
        assertThat(window.parentsMayAct(NOW.plus(WINDOW).minusSeconds(1))).isTrue();
        assertThat(window.parentsMayAct(NOW.plus(WINDOW))).isFalse();
        assertThat(window.release(NOW).to().parentsMayAct(NOW)).isFalse();
        assertThat(window.object().to().parentsMayAct(NOW)).isFalse();
    }

    @Test
    void a_legal_transition_compiles() throws Exception {
        assertThat(compile("Legal", "new TransferState.AwaitingEnrolment().expire(java.time.Instant.EPOCH, "
                + "java.time.Duration.ZERO);")).isEmpty();
    }

    @Test
    void releasing_a_dossier_that_waits_for_its_enrolment_does_not_compile() throws Exception {
        assertThat(compile("ReleaseBeforeMatch", "new TransferState.AwaitingEnrolment().release(java.time.Instant.EPOCH);"))
                .anySatisfy(error -> assertThat(error).contains("cannot find symbol").contains("release"));
    }

    @Test
    void purging_a_dossier_that_is_still_deliverable_does_not_compile() throws Exception {
        assertThat(compile("PurgeDeliverable", "new TransferState.Deliverable(\"99YY00\", null).purge(null);"))
                .anySatisfy(error -> assertThat(error).contains("cannot find symbol").contains("purge"));
    }

    @Test
    void a_step_cannot_be_made_except_by_a_transition() throws Exception {
        assertThat(compile("ForgedStep", "new TransferState.Step<>(new TransferState.Purged(null), TransitionName.RELEASE, "
                + "new TransferState.Released(\"99YY00\", null));"))
                .anySatisfy(error -> assertThat(error).contains("private"));
    }

    /** Compiles one statement against the service's classes; answers the compiler's errors. */
    private List<String> compile(String name, String statement) throws IOException, URISyntaxException {
        Path source = sources.resolve(name + ".java");
        Files.writeString(source, "package nl.overdracht.lifecycle;\nclass " + name + " {\n  void run() {\n    "
                + statement + "\n  }\n}\n");
        Path classes = Path.of(TransferState.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            compiler.getTask(null, files, diagnostics, List.of("-classpath", classes.toString(), "-d",
                    sources.toString(), "-proc:none"), null, files.getJavaFileObjects(source)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT)).toList();
    }
}
