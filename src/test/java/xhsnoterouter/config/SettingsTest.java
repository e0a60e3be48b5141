package xhsnoterouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private void configFile(String... lines) throws Exception {
        Path file = dir.resolve(Settings.CONFIG_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private Settings load() throws ConfigException {
        return Settings.load(dir, env, system);
    }

    private Path workDir() {
        return dir.toAbsolutePath().normalize();
    }

    @Test
    void missingConfigFileGivesEveryDefault() throws Exception {
        Settings s = load();

        assertThat(s.configFileFound()).isFalse();
        assertThat(s.token()).isEmpty();
        assertThat(s.simulatorMode()).isTrue();
        assertThat(s.baseUrl()).isEqualTo(URI.create("https://api.justoneapi.com"));
        assertThat(s.timeoutSeconds()).isEqualTo(60);
        assertThat(s.concurrency()).isEqualTo(4);
        assertThat(s.maxRequestsPerSecond()).isZero();
        assertThat(s.retryMaxAttempts()).isEqualTo(5);
        assertThat(s.retryInitialDelayMs()).isEqualTo(2_000);
        assertThat(s.retryMaxDelayMs()).isEqualTo(60_000);
        assertThat(s.inboxDir()).isEqualTo(workDir().resolve("inbox"));
        assertThat(s.outboxDir()).isEqualTo(workDir().resolve("outbox"));
        assertThat(s.stateDir()).isEqualTo(workDir().resolve("state"));
        assertThat(s.workDir()).isEqualTo(workDir());
    }

    @Test
    void defaultFoldersAreCreated() throws Exception {
        Settings s = load();

        assertThat(s.inboxDir()).isDirectory();
        assertThat(s.outboxDir()).isDirectory();
        assertThat(s.stateDir()).isDirectory();
        assertThat(s.inboxCreated()).isTrue();
    }

    @Test
    void existingInboxIsNotReportedAsCreated() throws Exception {
        Files.createDirectories(dir.resolve("inbox"));

        assertThat(load().inboxCreated()).isFalse();
    }

    @Test
    void configFileValuesAreUsed() throws Exception {
        configFile(
                "# a comment",
                "justoneapi.token = file-token-1234",
                "justoneapi.base-url=http://127.0.0.1:9999",
                "justoneapi.timeout-seconds=30",
                "justoneapi.concurrency=8",
                "justoneapi.max-requests-per-second=2.5",
                "retry.max-attempts=3",
                "retry.initial-delay-ms=100",
                "retry.max-delay-ms=1000",
                "inbox.dir=in",
                "outbox.dir=out",
                "state.dir=st");

        Settings s = load();

        assertThat(s.configFileFound()).isTrue();
        assertThat(s.token()).isEqualTo("file-token-1234");
        assertThat(s.simulatorMode()).isFalse();
        assertThat(s.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(s.timeoutSeconds()).isEqualTo(30);
        assertThat(s.concurrency()).isEqualTo(8);
        assertThat(s.maxRequestsPerSecond()).isEqualTo(2.5);
        assertThat(s.retryMaxAttempts()).isEqualTo(3);
        assertThat(s.retryInitialDelayMs()).isEqualTo(100);
        assertThat(s.retryMaxDelayMs()).isEqualTo(1_000);
        assertThat(s.inboxDir()).isEqualTo(workDir().resolve("in"));
        assertThat(s.outboxDir()).isEqualTo(workDir().resolve("out"));
        assertThat(s.stateDir()).isEqualTo(workDir().resolve("st"));
    }

    @Test
    void environmentVariableBeatsTheFile() throws Exception {
        configFile("justoneapi.concurrency=8", "retry.max-attempts=3", "inbox.dir=from-file");
        env.put("JUSTONEAPI_CONCURRENCY", "16");
        env.put("RETRY_MAX_ATTEMPTS", "7");
        env.put("INBOX_DIR", "from-env");

        Settings s = load();

        assertThat(s.concurrency()).isEqualTo(16);
        assertThat(s.retryMaxAttempts()).isEqualTo(7);
        assertThat(s.inboxDir()).isEqualTo(workDir().resolve("from-env"));
    }

    @Test
    void systemPropertyBeatsEnvironmentAndFile() throws Exception {
        configFile("justoneapi.concurrency=8", "inbox.dir=from-file");
        env.put("JUSTONEAPI_CONCURRENCY", "16");
        env.put("INBOX_DIR", "from-env");
        system.setProperty("justoneapi.concurrency", "32");
        system.setProperty("inbox.dir", "from-property");

        Settings s = load();

        assertThat(s.concurrency()).isEqualTo(32);
        assertThat(s.inboxDir()).isEqualTo(workDir().resolve("from-property"));
    }

    @Test
    void systemPropertyIsReadByKeyNameNotEnvironmentName() throws Exception {
        system.setProperty("JUSTONEAPI_CONCURRENCY", "32");

        assertThat(load().concurrency()).isEqualTo(4);
    }

    @Test
    void relativeFoldersResolveAgainstTheWorkDirAndAreCreated() throws Exception {
        configFile("inbox.dir=data/drop/in", "outbox.dir=./results", "state.dir=data/../bookkeeping");

        Settings s = load();

        assertThat(s.inboxDir()).isEqualTo(workDir().resolve("data/drop/in")).isDirectory();
        assertThat(s.outboxDir()).isEqualTo(workDir().resolve("results")).isDirectory();
        assertThat(s.stateDir()).isEqualTo(workDir().resolve("bookkeeping")).isDirectory();
    }

    @Test
    void absoluteFolderIsKept(@TempDir Path elsewhere) throws Exception {
        Path outbox = elsewhere.resolve("outbox").toAbsolutePath();
        env.put("OUTBOX_DIR", outbox.toString());

        assertThat(load().outboxDir()).isEqualTo(outbox.normalize()).isDirectory();
    }

    @Test
    void trailingSlashOfBaseUrlIsDropped() throws Exception {
        env.put("JUSTONEAPI_BASE_URL", "https://api.example.com/");

        assertThat(load().baseUrl()).isEqualTo(URI.create("https://api.example.com"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "justoneapi.concurrency           | -1",
            "justoneapi.concurrency           | 0",
            "justoneapi.concurrency           | four",
            "justoneapi.concurrency           | 2.5",
            "justoneapi.base-url              | ftp://x",
            "justoneapi.base-url              | not a url",
            "justoneapi.base-url              | https://api.justoneapi.com?token=abc",
            "justoneapi.base-url              | https://api.justoneapi.com/#top",
            "justoneapi.base-url              | api.justoneapi.com",
            "justoneapi.timeout-seconds       | 0",
            "justoneapi.timeout-seconds       | -5",
            "justoneapi.max-requests-per-second | -1",
            "justoneapi.max-requests-per-second | fast",
            "justoneapi.max-requests-per-second | NaN",
            "retry.max-attempts               | 0",
            "retry.initial-delay-ms           | -1",
            "simulator.faults                 | 301:2",
            "simulator.faults                 | banana:0.1",
            "simulator.rate-limit-per-second  | -1",
            "simulator.rate-limit-per-second  | lots",
            "simulator.images-per-note        | -1",
            "simulator.images-per-note        | 101",
            "simulator.images-per-note        | three",
            "kafka.bootstrap-servers          | localhost",
            "kafka.bootstrap-servers          | kafka://localhost:9092",
            "kafka.input-topic                | two words",
            "kafka.batch-size                 | 0",
            "kafka.bootstrap.servers          | localhost:9092",
            "kafka.group.id                   | mine",
            "kafka.enable.auto.commit         | true",
            "kafka.output_topic               | x",
    })
    void invalidValueIsRefusedNamingTheKey(String key, String value) {
        system.setProperty(key, value);

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void invalidValueInTheFileIsRefusedNamingTheKey() throws Exception {
        configFile("justoneapi.concurrency=-3");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("justoneapi.concurrency").hasMessageContaining("-3");
    }

    @Test
    void maxDelayBelowInitialDelayIsRefused() throws Exception {
        configFile("retry.initial-delay-ms=5000", "retry.max-delay-ms=1000");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("retry.max-delay-ms");
    }

    @Test
    void folderThatCannotBeCreatedIsRefusedNamingTheKey() throws Exception {
        Files.writeString(dir.resolve("plain-file"), "not a folder");
        env.put("OUTBOX_DIR", "plain-file/outbox");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("outbox.dir");
    }

    @Test
    void folderThatIsARegularFileIsRefusedNamingTheKey() throws Exception {
        Files.writeString(dir.resolve("state-file"), "not a folder");
        env.put("STATE_DIR", "state-file");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("state.dir");
    }

    @Test
    void emptyFolderSettingIsRefusedNamingTheKey() {
        system.setProperty("inbox.dir", " ");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class).hasMessageContaining("inbox.dir");
    }

    @Test
    void refusalMessageSaysHowToFixIt() {
        env.put("JUSTONEAPI_CONCURRENCY", "0");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining(Settings.CONFIG_FILE)
                .hasMessageContaining("JUSTONEAPI_CONCURRENCY");
    }

    @Test
    void environmentNameIsTheKeyUpperCasedWithUnderscores() {
        assertThat(Settings.environmentName("justoneapi.max-requests-per-second"))
                .isEqualTo("JUSTONEAPI_MAX_REQUESTS_PER_SECOND");
        assertThat(Settings.environmentName("justoneapi.token")).isEqualTo("JUSTONEAPI_TOKEN");
        assertThat(Settings.environmentName("retry.initial-delay-ms")).isEqualTo("RETRY_INITIAL_DELAY_MS");
        assertThat(Settings.environmentName("state.dir")).isEqualTo("STATE_DIR");
    }

    @Test
    void tokenIsNeverInARefusalMessage() throws Exception {
        configFile("justoneapi.token=super-secret-token-99", "justoneapi.concurrency=zero");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .message().doesNotContain("super-secret-token-99");
    }

    @Test
    void tokenInARefusedBaseUrlIsNotEchoed() throws Exception {
        configFile("justoneapi.token=super-secret-token-99",
                "justoneapi.base-url=https://api.justoneapi.com/api/xiaohongshu/get-note-detail/v1?token=super-secret-token-99");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("justoneapi.base-url")
                .message().doesNotContain("super-secret-token-99");
    }

    @Test
    void scheduleSettingsHaveDefaultsAndEnvironmentVariables() throws Exception {
        Settings defaults = load();
        assertThat(defaults.schedule().watchlist()).isEqualTo("config/watchlist.txt");
        assertThat(defaults.schedule().cron()).isEqualTo("0 0 */6 * * ?");
        assertThat(defaults.schedule().timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
        assertThat(defaults.keepHistory()).isTrue();

        env.put("SCHEDULE_WATCHLIST", "lists/launch.csv");
        env.put("SCHEDULE_CRON", "");
        env.put("SCHEDULE_TIME_ZONE", "Asia/Shanghai");
        env.put("ARCHIVE_KEEP_HISTORY", "false");
        Settings s = load();
        assertThat(s.schedule().watchlist()).isEqualTo("lists/launch.csv");
        assertThat(s.schedule().cron()).isEmpty();
        assertThat(s.schedule().timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(s.keepHistory()).isFalse();
    }

    @Test
    void aBadScheduleOrHistoryValueNamesItsKey() throws Exception {
        for (String[] bad : new String[][] {{"schedule.cron", "61 * * * * ?"}, {"schedule.time-zone", "Mars/Olympus"},
                {"archive.keep-history", "yes"}, {"schedule.watchlist", ""}}) {
            configFile(bad[0] + "=" + bad[1]);
            assertThatThrownBy(this::load).as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[0])
                    .hasMessageContaining(Settings.environmentName(bad[0]));
        }
    }

    @Test
    void kafkaIsOffByDefaultWithTheDocumentedTopics() throws Exception {
        KafkaSettings k = load().kafka();

        assertThat(k.enabled()).isFalse();
        assertThat(k.inputTopic()).isEqualTo("xnr.note-requests");
        assertThat(k.groupId()).isEqualTo("xhs-note-router");
        assertThat(k.outputTopic()).isEqualTo("xnr.notes");
        assertThat(k.failedTopic()).isEqualTo("xnr.failed");
        assertThat(k.eventsTopic()).isEqualTo("xnr.events");
        assertThat(k.dedupeTopic()).isEqualTo("xnr.fetched");
        assertThat(k.batchSize()).isEqualTo(100);
        assertThat(k.clientProperties()).isEmpty();
    }

    @Test
    void kafkaClientPropertiesPassThroughFromFileEnvironmentAndSystemWithoutBeingShown() throws Exception {
        configFile("kafka.bootstrap-servers=broker1:9093, broker2:9093",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/xnr/truststore.jks");
        env.put("KAFKA_HOME", "/opt/kafka");
        system.setProperty("kafka.session.timeout.ms", "6000");

        KafkaSettings k = load().kafka();

        assertThat(k.enabled()).isTrue();
        assertThat(k.bootstrapServers()).isEqualTo("broker1:9093,broker2:9093");
        assertThat(k.instanceId()).isNotBlank();
        assertThat(k.clientProperties()).containsOnlyKeys("security.protocol", "sasl.jaas.config",
                "ssl.truststore.location", "session.timeout.ms");
        assertThat(k.clientProperties().get("ssl.truststore.location")).isEqualTo("/etc/xnr/truststore.jks");
        assertThat(k.toString()).doesNotContain("s3cret");
    }
}
