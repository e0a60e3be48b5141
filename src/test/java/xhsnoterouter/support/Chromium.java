package xhsnoterouter.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real headless Chromium (the Debian package), run once per call with a fresh profile and a time limit. */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path workDir;

    /** @param workDir an empty folder for the profile and the output files */
    public Chromium(Path workDir) {
        this.workDir = workDir;
    }

    /** Fails (never skips) when Chromium is not installed: CI installs it. */
    public static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: the report is checked in a real browser. .ci/run installs it "
                    + "(apt-get install -y chromium); on another machine install the chromium package.");
        }
    }

    /** What Chromium wrote: the DOM for --dump-dom on standard output, its log on standard error. */
    public record Output(String stdout, String stderr) {

        @Override
        public String toString() {
            return "standard output:%n%s%nstandard error:%n%s".formatted(tail(stdout), tail(stderr));
        }
    }

    public Output run(String... arguments) throws IOException, InterruptedException {
        requireInstalled();
        Path profile = Files.createTempDirectory(workDir, "profile-");
        Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
        Path stderr = Files.createTempFile(workDir, "stderr-", ".txt");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Output output = new Output(new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
        if (!finished || process.exitValue() != 0) {
            fail("%s %s%n%s", String.join(" ", command),
                    finished ? "ended with exit status " + process.exitValue() : "did not finish within " + TIMEOUT_SECONDS + " s", output);
        }
        return output;
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }
}
