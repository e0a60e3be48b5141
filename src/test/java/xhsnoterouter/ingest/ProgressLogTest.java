package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** The progress line shows the pace only while the API's own limit holds it. */
class ProgressLogTest {

    private static final Batch.Counts HALF_DONE =
            new Batch.Counts(100, 0, 0, 0, 50, 0, 0, 0, Map.of(), 50, 0, 50, true, 10.0, null);

    @Test
    void showsThePaceWhileTheApisLimitHoldsIt() {
        assertThat(ProgressLog.line("ids.txt", HALF_DONE, OptionalDouble.of(19.94)))
                .contains("10.0 notes/s · paced at 19.9 requests/s (the API's rate limit) · ~5 s left");
    }

    @Test
    void saysNothingOfAPaceAtFullSpeed() {
        assertThat(ProgressLog.line("ids.txt", HALF_DONE, OptionalDouble.empty())).doesNotContain("paced")
                .endsWith("10.0 notes/s · ~5 s left");
    }
}
