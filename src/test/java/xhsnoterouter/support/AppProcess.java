package xhsnoterouter.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the app as a real child process (java xhsnoterouter.App ...) in a working folder, as a user would. */
public final class AppProcess {

    private AppProcess() {
    }

    public record Result(int status, String out, String err) {
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(workDir, env, List.of(), args);
    }

    /** Starts the app and returns at once; output goes to {@code app.log} in the working folder. */
    public static Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "xhsnoterouter.App"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("app.log").toFile());
        clean(builder.environment());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void clean(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("JUSTONEAPI_") || k.startsWith("RETRY_")
                || k.startsWith("SIMULATOR_") || k.startsWith("MANAGEMENT_") || k.startsWith("KAFKA_") || k.endsWith("_DIR"));
        // Many apps run at once in the tests: no health and metrics endpoints unless a test's env asks for them.
        environment.put("MANAGEMENT_PORT", "0");
    }

    public static Result run(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "xhsnoterouter.App"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("app-out", ".log");
        Path err = Files.createTempFile("app-err", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        clean(builder.environment());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the app did not exit within 120 s");
        }
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
