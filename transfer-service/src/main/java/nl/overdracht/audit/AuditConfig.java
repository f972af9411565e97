package nl.overdracht.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code overdracht.audit.*}: the chainer's pace, checkpoints and the size of reads. */
@ConfigMapping(prefix = "overdracht.audit")
public interface AuditConfig {

    /** How often the chainer moves pending entries into the chain. */
    @WithDefault("PT0.2S")
    Duration chainInterval();

    /** At most this many pending entries are chained in one transaction. */
    @WithDefault("1000")
    int batchSize();

    /** A checkpoint is signed once this many entries were chained since the last one. */
    @WithDefault("1000")
    long checkpointEvery();

    /** ... or once this much time has passed since the last one, if anything new was chained. */
    @WithDefault("PT5M")
    Duration checkpointInterval();

    /** The most entries one export ({@code GET /api/v1/audit/export}) holds; export larger logs in ranges. */
    @WithDefault("50000")
    int exportMaxEntries();

    /**
     * How often the refused tokens counted since the last time are written: one entry per network
     * and reason ({@link AuditAction#ACCESS_REFUSALS_COUNTED}). The refusal-count job's
     * {@code @Scheduled} expression has the same value as its fallback.
     */
    @WithDefault("1m")
    Duration refusalCountInterval();

    /** The most networks and reasons counted apart in one interval; refusals beyond are counted under {@code other}. */
    @WithDefault("1000")
    int refusalCountSources();
}
