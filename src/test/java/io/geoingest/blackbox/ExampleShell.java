package io.geoingest.blackbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bash session that runs examples one after another in one directory, as a user pastes
 * them into one terminal: variables ({@code $id}) and files ({@code cities.csv}) carry over,
 * and background jobs ({@code python3 -m http.server &}) run until the session ends.
 */
final class ExampleShell implements AutoCloseable {
    private static final String DONE = "__example_done__";

    private final Process bash;
    private final Writer in;
    private final BufferedReader out;
    private final Path dir;
    /** Reads the session's output: blocking reads, on a thread of their own. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private int count;

    ExampleShell(Path dir, Map<String, String> environment) throws IOException {
        this.dir = dir;
        // setsid: the session's background jobs form one process group, ended with it.
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "--noprofile", "--norc")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        bash = builder.start();
        in = new java.io.OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Runs a script in the session; its output (stdout and stderr) and exit status. A script
     * still running after {@code timeout} ends the session (its processes are killed): every
     * later script would only have queued behind it.
     */
    Result run(String script, Duration timeout) throws IOException, TimeoutException, InterruptedException {
        if (!bash.isAlive()) {
            throw new IOException("the shell was ended by an earlier example that did not finish");
        }
        Path file = dir.resolve(String.format(".example-%02d.sh", ++count));
        Files.writeString(file, script);
        Path output = dir.resolve(String.format(".example-%02d.out", count));
        in.write("source " + file.getFileName() + " > " + output.getFileName() + " 2>&1 </dev/null; echo \"" + DONE + " $?\"\n");
        in.flush();
        Future<Integer> status = reader.submit(this::awaitDone);
        try {
            int exit = status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // Leniently: an example may print bytes that are not UTF-8.
            return new Result(exit, new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            close();
            throw e;
        }
    }

    private int awaitDone() throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(DONE)) {
                return Integer.parseInt(line.substring(DONE.length()).strip());
            }
        }
        throw new IOException("the shell ended");
    }

    record Result(int exit, String output) {
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", "--", "-" + bash.pid()).start().waitFor();
        bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.shutdownNow();
    }
}
