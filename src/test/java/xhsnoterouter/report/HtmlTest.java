package xhsnoterouter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The page's hand-written formats, against what the JDK's general formatters give. */
class HtmlTest {

    @Test
    void countsHaveThousandsSeparators() {
        assertThat(Html.count(0)).isEqualTo("0");
        assertThat(Html.count(999)).isEqualTo("999");
        assertThat(Html.count(1_000)).isEqualTo("1,000");
        assertThat(Html.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Html.count(-12_345)).isEqualTo("-12,345");
        assertThat(Html.count(Long.MIN_VALUE)).isEqualTo(String.format("%,d", Long.MIN_VALUE));
        assertThat(Html.count((Long) null)).isEqualTo("–");
        assertThat(Html.delta(1_200L)).isEqualTo("+1,200");
        assertThat(Html.delta(-3L)).isEqualTo("−3");
        assertThat(Html.compact(9_500)).isEqualTo("9,500");
        assertThat(Html.compact(12_500)).isEqualTo("12.5k");
        assertThat(Html.compact(30_000)).isEqualTo("30k");
        assertThat(Html.compact(250_000)).isEqualTo("250k");
        assertThat(Html.compact(1_200_000)).isEqualTo("1.2M");
    }

    @Test
    void pathSegmentsKeepUnreservedCharactersAndEncodeTheRest() {
        assertThat(Html.pathSegment("698ab064000000001503876d")).isEqualTo("698ab064000000001503876d");
        assertThat(Html.pathSegment("image-1.jpg")).isEqualTo("image-1.jpg");
        assertThat(Html.pathSegment("a b/c?d#e%f\"g&图")).isEqualTo("a%20b%2Fc%3Fd%23e%25f%22g%26%E5%9B%BE");
    }

    @Test
    void timesAreUtcToTheMinute() {
        Instant at = Instant.parse("2026-01-05T07:08:59.999Z");
        assertThat(Html.time(at)).isEqualTo("2026-01-05 07:08 UTC");
        assertThat(Html.day(at)).isEqualTo("2026-01-05");
        assertThat(Html.dayTime(at)).isEqualTo("01-05 07:08");
        assertThat(Html.span(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
        assertThat(Html.span(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(Html.span(Duration.ofSeconds(45))).isEqualTo("45 s");
    }

    @Test
    void escapeLeavesNoMarkupAndNoControlCharacters() {
        assertThat(Html.escape("<a href='x'>\"&\"</a>\u0000\u001b")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(Html.shorten("笑😀", 2)).isEqualTo("笑…");
    }

    @Test
    void instantsReadFastAsTheJdkReadsThem() {
        for (String text : new String[] {"2026-11-27T20:15:00Z", "2026-11-27T20:15:00.1Z", "2026-11-27T20:15:00.123Z",
                "2026-11-27T20:15:00.123456789Z", "2024-02-29T23:59:59.000001Z", "2026-11-27T20:15:00+08:00"}) {
            assertThat(JsonFields.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(JsonFields.instant("yesterday")).isNull();
        assertThat(JsonFields.instant("2026-02-30T20:15:00Z")).isNull();
        assertThat(JsonFields.instant("2026-11-27 20:15:00Z")).isNull();
    }
}
