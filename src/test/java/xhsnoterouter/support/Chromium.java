package xhsnoterouter.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real headless Chromium, run once per call with a fresh profile and a time limit. The browser is the first of
 * {@code $CHROMIUM}, then {@code chromium} or {@code chromium-browser} on the PATH (Debian's package installs
 * /usr/bin/chromium).
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final Optional<Path> BINARY = find();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path workDir;

    /** @param workDir an empty folder for the profile and the output files */
    public Chromium(Path workDir) {
        this.workDir = workDir;
    }

    /** Fails (never skips) when Chromium is not installed: the README names the package, .ci/run installs it. */
    public static void requireInstalled() {
        if (BINARY.isEmpty()) {
            fail("Chromium is missing (no $CHROMIUM, no chromium or chromium-browser on the PATH): the report is checked "
                    + "in a real browser. Install the chromium package (Debian/Ubuntu: apt-get install -y chromium), "
                    + "or run .ci/run as root, which installs it.");
        }
    }

    private static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
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
        List<String> command = new ArrayList<>(List.of(BINARY.orElseThrow().toString(), "--headless", "--no-sandbox", "--disable-gpu",
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
