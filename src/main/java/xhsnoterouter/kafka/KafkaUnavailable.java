package xhsnoterouter.kafka;

/** Kafka is set but cannot be used at start (no broker answers, the dedupe topic cannot be read): exit 2, one line. */
public final class KafkaUnavailable extends RuntimeException {

    KafkaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
