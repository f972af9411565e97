package nl.overdracht.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server frozen with {@code SIGSTOP}: its main process and every process it started. Its sockets
 * stay open and the kernel still accepts connections and data for it, but nothing answers until
 * {@link #thaw()}: a server that hangs rather than refuses, as one does that is swapped out, stuck
 * on a full disk or cut off without a reset.
 */
public final class FrozenProcesses {

    private List<ProcessHandle> frozen;

    private FrozenProcesses(List<ProcessHandle> frozen) {
        this.frozen = frozen;
    }

    /** Freezes {@code main} first, so that it starts no process the freeze misses, then its descendants. */
    public static FrozenProcesses freeze(ProcessHandle main) {
        signal("STOP", List.of(main));
        List<ProcessHandle> processes = new ArrayList<>(List.of(main));
        try (Stream<ProcessHandle> children = main.descendants()) {
            processes.addAll(children.toList());
        }
        signal("STOP", processes.subList(1, processes.size()));
        return new FrozenProcesses(processes);
    }

    /** How many processes were frozen. */
    public int count() {
        return frozen.size();
    }

    /** Lets every frozen process go on ({@code SIGCONT}); nothing happens the second time. */
    public void thaw() {
        if (!frozen.isEmpty()) {
            signal("CONT", frozen);
            frozen = List.of();
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " did not return");
            }
            // a process that ended meanwhile is no fault; one that could not be signalled is
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.exitValue() != 0 && processes.stream().anyMatch(ProcessHandle::isAlive)
                    && !output.contains("No such process")) {
                throw new IllegalStateException("kill -" + signal + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }
}
