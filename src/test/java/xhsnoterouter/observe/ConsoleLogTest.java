package xhsnoterouter.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class ConsoleLogTest {

    @Test
    void writesTimeLevelPaddedToFiveAndMessage() {
        LocalTime time = LocalTime.of(1, 2, 3, 4_000_000);

        assertThat(ConsoleLog.line(time, Level.INFO, "hi")).isEqualTo("01:02:03.004 INFO  hi");
        assertThat(ConsoleLog.line(time, Level.ERROR, "hi")).isEqualTo("01:02:03.004 ERROR hi");
        assertThat(ConsoleLog.line(LocalTime.of(23, 59, 59, 999_999_999), Level.WARN, ""))
                .isEqualTo("23:59:59.999 WARN  ");
    }

    @Test
    void masksAnythingShapedLikeAToken() {
        assertThat(ConsoleLog.mask("GET https://api/x?TOKEN=s3cr3t&noteId=1 token='a'"))
                .isEqualTo("GET https://api/x?token=***&noteId=1 token=***'a'");
        assertThat(ConsoleLog.mask("no secret here")).isEqualTo("no secret here");
    }

    @Test
    void levelsComeFromTheNearestConfiguredNameThenRoot() {
        Properties system = new Properties();
        system.setProperty("logging.level.org.apache.camel", "debug");
        system.setProperty("logging.level.xhsnoterouter.delivery", "OFF");
        system.setProperty("logging.level.root", "ERROR");
        ConsoleLog log = new ConsoleLog(system);

        assertThat(log.getLogger("org.apache.camel.component.file.FileConsumer").isDebugEnabled()).isTrue();
        assertThat(log.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isInfoEnabled()).isTrue();
        assertThat(log.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isDebugEnabled()).isFalse();
        assertThat(log.getLogger("xhsnoterouter").isInfoEnabled()).isTrue();
        assertThat(log.getLogger("xhsnoterouter").isDebugEnabled()).isFalse();
        assertThat(log.getLogger("xhsnoterouter.delivery").isErrorEnabled()).isFalse();
        assertThat(log.getLogger("io.vertx.core.Vertx").isWarnEnabled()).isFalse();
        assertThat(log.getLogger("io.vertx.core.Vertx").isErrorEnabled()).isTrue();
    }

    @Test
    void theDefaultsAreTheAppAtInfoAndTheRestAtWarn() {
        ConsoleLog log = new ConsoleLog(new Properties());

        assertThat(log.getLogger("xhsnoterouter.api").isInfoEnabled()).isTrue();
        assertThat(log.getLogger("org.apache.camel.component.seda.SedaConsumer").isInfoEnabled()).isFalse();
        assertThat(log.getLogger("org.apache.camel.component.seda.SedaConsumer").isWarnEnabled()).isTrue();
    }

    @Test
    void slf4jLinesReachStandardOutputInUtf8MaskedWithTheirStackTrace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        List<String> tapped = new ArrayList<>();
        Logger logger = LoggerFactory.getLogger("xhsnoterouter.test");
        try (ConsoleLog.Tap tap = ConsoleLog.tap(tapped::add)) {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
            logger.warn("文件 {} failed: token=abc", "笔记.txt", new IllegalStateException("url ?token=xyz"));
            logger.debug("not written at INFO");
        } finally {
            System.setOut(original);
        }

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  文件 笔记\\.txt failed: token=\\*\\*\\*\\R"
                + "java\\.lang\\.IllegalStateException: url \\?token=\\*\\*\\*\\R\\s+at .*");
        assertThat(out).doesNotContain("abc", "xyz", "not written");
        assertThat(tapped).containsExactly("WARN 文件 笔记.txt failed: token=***");
    }
}
