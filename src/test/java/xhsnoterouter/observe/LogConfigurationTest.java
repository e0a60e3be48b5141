package xhsnoterouter.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.LogCapture;

/** config/logback.xml, the file a user edits: the line format, the token masking, the levels per logger. */
class LogConfigurationTest {

    private static final Path CONFIG = Path.of("config", "logback.xml");

    @Test
    void writesTimeLevelPaddedToFiveAndMessage() throws JoranException {
        LoggerContext logs = configured(CONFIG);

        assertThat(line(logs, LocalDateTime.of(2026, 1, 1, 1, 2, 3, 4_000_000), Level.INFO, "hi"))
                .isEqualTo("01:02:03.004 INFO  hi");
        assertThat(line(logs, LocalDateTime.of(2026, 1, 1, 1, 2, 3, 4_000_000), Level.ERROR, "hi"))
                .isEqualTo("01:02:03.004 ERROR hi");
        assertThat(line(logs, LocalDateTime.of(2026, 1, 1, 23, 59, 59, 999_999_999), Level.WARN, ""))
                .isEqualTo("23:59:59.999 WARN  ");
    }

    @Test
    void masksAnythingShapedLikeAToken() throws JoranException {
        LoggerContext logs = configured(CONFIG);
        LocalDateTime time = LocalDateTime.of(2026, 1, 1, 1, 2, 3);

        assertThat(line(logs, time, Level.INFO, "GET https://api/x?TOKEN=s3cr3t&noteId=1 token='a' Token=\"b\" token="))
                .isEqualTo("01:02:03.000 INFO  GET https://api/x?TOKEN=***&noteId=1 token=***'a' Token=***\"b\" token=***");
        assertThat(line(logs, time, Level.INFO, "no secret here")).isEqualTo("01:02:03.000 INFO  no secret here");
    }

    @Test
    void masksTheTokenItselfOnceTheAppKnowsIt() throws JoranException {
        LoggerContext logs = configured(CONFIG);
        LocalDateTime time = LocalDateTime.of(2026, 1, 1, 1, 2, 3);
        try {
            LogMask.hide("s3cr3t+/=");
            assertThat(line(logs, time, Level.DEBUG, "Found property: justoneapi.token with value: s3cr3t+/= to be used"))
                    .isEqualTo("01:02:03.000 DEBUG Found property: justoneapi.token with value: *** to be used");
            assertThat(line(logs, time, Level.DEBUG, ">> GET /v1?noteId=1&token=s3cr3t%2B%2F%3D HTTP/1.1 << {\"message\":\"token s3cr3t+/= off\"}"))
                    .isEqualTo("01:02:03.000 DEBUG >> GET /v1?noteId=1&token=*** HTTP/1.1 << {\"message\":\"token *** off\"}");
        } finally {
            LogMask.hide("");
        }
    }

    @Test
    void theAppAtInfoCamelsStartLineAtInfoTheRestAtWarn() throws JoranException {
        LoggerContext logs = configured(CONFIG);

        assertThat(logs.getLogger("xhsnoterouter.api").isInfoEnabled()).isTrue();
        assertThat(logs.getLogger("xhsnoterouter.api").isDebugEnabled()).isFalse();
        assertThat(logs.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isInfoEnabled()).isTrue();
        assertThat(logs.getLogger("org.apache.camel.component.seda.SedaConsumer").isInfoEnabled()).isFalse();
        assertThat(logs.getLogger("org.apache.camel.component.seda.SedaConsumer").isWarnEnabled()).isTrue();
    }

    @Test
    void aLevelPerLoggerIsALineInTheFile(@TempDir Path dir) throws Exception {
        // the README's way: the commented example uncommented, and one part of the app silenced
        Path edited = dir.resolve("logback.xml");
        Files.writeString(edited, Files.readString(CONFIG)
                .replace("<!-- More detail from a part, e.g. Camel's: <logger name=\"org.apache.camel\" level=\"DEBUG\"/> -->",
                        "<logger name=\"org.apache.camel\" level=\"DEBUG\"/><logger name=\"xhsnoterouter.delivery\" level=\"OFF\"/>"));
        LoggerContext logs = configured(edited);

        assertThat(logs.getLogger("org.apache.camel.component.file.FileConsumer").isDebugEnabled()).isTrue();
        assertThat(logs.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isInfoEnabled()).isTrue();
        assertThat(logs.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isDebugEnabled()).isFalse();
        assertThat(logs.getLogger("xhsnoterouter.delivery.Courier").isErrorEnabled()).isFalse();
        assertThat(logs.getLogger("xhsnoterouter").isInfoEnabled()).isTrue();
        assertThat(logs.getLogger("io.vertx.core.Vertx").isInfoEnabled()).isFalse();
    }

    @Test
    void aBrokenFileStopsTheStartWithStatus2AndSaysWhere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/logback.xml"), "<configuration>\n  <logger name=\"x\" level=\"INFO\">\n</configuration>\n");

        AppProcess.Result run = AppProcess.run(dir, Map.of(), "--once");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("xhs-note-router: invalid log configuration config/logback.xml: ", "line 3");
        assertThat(dir.resolve("inbox")).doesNotExist();
    }

    @Test
    void linesReachStandardOutputInUtf8MaskedWithTheirStackTrace() throws JoranException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
            Logger logger = configured(CONFIG).getLogger("xhsnoterouter.test");
            logger.warn("文件 {} failed: token=abc", "笔记.txt", new IllegalStateException("url ?token=xyz"));
            logger.debug("not written at INFO");
        } finally {
            System.setOut(original);
        }

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  文件 笔记\\.txt failed: token=\\*\\*\\*\\R"
                + "java\\.lang\\.IllegalStateException: url \\?token=\\*\\*\\*\\R\\s+at .*");
        assertThat(out).doesNotContain("abc", "xyz", "not written");
    }

    @Test
    void theTestsLogThroughTheSameFile() {
        try (LogCapture log = LogCapture.capture()) {
            org.slf4j.LoggerFactory.getLogger("xhsnoterouter.test").warn("call ?token=s3cr3t&noteId=1");

            assertThat(log.lines()).containsExactly("WARN call ?token=***&noteId=1");
        }
    }

    private static LoggerContext configured(Path file) throws JoranException {
        LoggerContext logs = new LoggerContext();
        logs.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's start-up does for the app's own context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logs);
        configurator.doConfigure(file.toFile());
        assertThat(logs.getStatusManager().getCopyOfStatusList()).allSatisfy(
                status -> assertThat(status.getLevel()).as(status.toString()).isLessThan(Status.WARN));
        return logs;
    }

    private static String line(LoggerContext logs, LocalDateTime time, Level level, String message) {
        Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, level, message, null, null);
        event.setInstant(time.atZone(ZoneId.systemDefault()).toInstant());
        return LogCapture.consoleLayout(root).doLayout(event).replaceFirst("\\R$", "");
    }
}
