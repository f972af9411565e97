package nl.overdracht.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service process's memory: its Java heap in use right after a full GC ({@code jcmd PID GC.run},
 * then {@code GC.heap_info}) and its resident set ({@code VmRSS} of {@code /proc/PID/status}), in KiB.
 */
record ServiceMemory(long heapUsedKib, long heapCommittedKib, long rssKib) {

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    static ServiceMemory of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!heap.find() || !rss.find()) {
            throw new IllegalStateException("could not read the memory of process " + pid);
        }
        return new ServiceMemory(Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)),
                Long.parseLong(rss.group(1)));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
