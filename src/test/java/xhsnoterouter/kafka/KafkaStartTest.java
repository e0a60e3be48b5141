package xhsnoterouter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.Workspace;

/** Kafka set to brokers that do not answer: a clear line and exit status 2, not a stack trace or a hang. */
class KafkaStartTest {

    @TempDir
    Path dir;

    @Test
    void brokersThatDoNotAnswerStopTheStartWithOneLineAndStatusTwo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Workspace work = new Workspace(dir).set("kafka.bootstrap-servers", "127.0.0.1:" + port);
        work.drop("ids.txt", "5f1d2c3b4a5968778695a4b3\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("xhs-note-router: cannot start: Kafka: no broker at 127.0.0.1:" + port)
                .contains("kafka.bootstrap-servers").doesNotContain("\tat ").doesNotContain("\n");
    }
}
