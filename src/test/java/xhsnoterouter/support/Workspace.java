package xhsnoterouter.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.App;
import xhsnoterouter.Json;
import xhsnoterouter.config.ConfigException;
import xhsnoterouter.config.Settings;

/**
 * A working folder laid out like the project's (config/, routes/) in which the real app runs, in this JVM,
 * with settings given as JVM-property style overrides. Reads back what the app wrote, as a user would.
 */
public final class Workspace {

    public static final Path PROJECT = Path.of("").toAbsolutePath();

    private final Path dir;
    private final Properties settings = new Properties();
    private Clock clock = Clock.systemUTC();

    public Workspace(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.createDirectories(dir.resolve("routes"));
            Files.copy(PROJECT.resolve("config/application.properties"), dir.resolve("config/application.properties"));
            try (Stream<Path> routes = Files.list(PROJECT.resolve("routes"))) {
                for (Path route : routes.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    Files.copy(route, dir.resolve("routes").resolve(route.getFileName()));
                }
            }
            Files.createDirectories(dir.resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fast retries so a test of five attempts takes milliseconds, not minutes.
        set("retry.initial-delay-ms", "20");
        set("retry.max-delay-ms", "200");
        set("justoneapi.timeout-seconds", "2");
        // Many apps run at once in the tests: no health and metrics endpoints unless a test asks for them.
        set("management.port", "0");
    }

    public Workspace set(String key, String value) {
        settings.setProperty(key, value);
        return this;
    }

    /** The settings the app reads in this folder: config/application.properties, then the overrides set here. */
    public Settings settings() throws ConfigException {
        return Settings.load(dir, Map.of(), settings);
    }

    /** Points the app at a scripted server with a token (no simulator). */
    public Workspace api(ScriptedApi api, String token) {
        set("justoneapi.base-url", api.baseUrl().toString());
        set("justoneapi.token", token);
        return this;
    }

    /** The clock the app reads (a {@link MutableClock} lets a test make an hour pass). */
    public Workspace clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Path inbox() {
        return dir.resolve("inbox");
    }

    public Path outbox() {
        return dir.resolve("outbox");
    }

    public Path drop(String name, String content) {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path drop(String name, byte[] content) {
        try {
            return Files.write(inbox().resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code --once} (plus any other arguments) in this JVM. */
    public Run runOnce(String... more) {
        List<String> args = new ArrayList<>(List.of("--once"));
        args.addAll(Arrays.asList(more));
        return run(args);
    }

    public Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = app(out, err).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private App app(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new App(dir, Map.of(), settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    }

    /** Starts the service (no {@code --once}) in a thread of this JVM; {@link Service#stop()} ends it like SIGTERM. */
    public Service startService() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        App app = app(out, err);
        java.util.concurrent.CompletableFuture<Integer> status =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> app.run(List.of()), runnable -> {
                    Thread t = new Thread(runnable, "service-under-test");
                    t.setDaemon(true);
                    t.start();
                });
        return new Service(app, status, out, err);
    }

    /** A service-mode app running in this JVM. */
    public record Service(App app, java.util.concurrent.CompletableFuture<Integer> status, ByteArrayOutputStream out,
                          ByteArrayOutputStream err) {

        public Run stop() {
            app.stop();
            try {
                int code = status.get(60, java.util.concurrent.TimeUnit.SECONDS);
                return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException("the service did not stop", e);
            }
        }
    }

    public record Run(int status, String out, String err) {
    }

    public List<JsonNode> records() {
        Path file = outbox().resolve("records.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(Workspace::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode failure(String key) {
        return read(outbox().resolve("failed/" + key + ".json"));
    }

    public boolean hasFailure(String key) {
        return Files.exists(outbox().resolve("failed/" + key + ".json"));
    }

    public boolean isArchived(String noteId) {
        return Files.exists(outbox().resolve("notes/" + noteId + ".json"));
    }

    public JsonNode note(String noteId) {
        return read(outbox().resolve("notes/" + noteId + ".json"));
    }

    /** The newest report written for an input file (by its startedAt). */
    public JsonNode report(String inputFile) {
        return reports(inputFile).get(reports(inputFile).size() - 1);
    }

    public List<JsonNode> reports(String inputFile) {
        if (!Files.isDirectory(outbox().resolve("reports"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox().resolve("reports"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(inputFile + "-"))
                    .map(Workspace::read)
                    .sorted(java.util.Comparator.comparing(r -> java.time.Instant.parse(r.get("startedAt").asText())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Path> files(String folder) {
        Path path = dir.resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String line) {
        return parse(line);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
