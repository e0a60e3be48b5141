package xhsnoterouter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 18's host rule: a download goes only to a listed host over http(s); anything else is refused unrequested. */
class MediaHostsTest {

    private final MediaHosts defaults = MediaHosts.parse(MediaHosts.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns-webpic-qc.xhscdn.com/202612/abc!nd_dft_wlteh_webp_3?sign=1&t=2",
            "http://sns-v10.rednotecdn.com/audio/1/02e9.wav",
            "https://SNS-IMG-BD.XHSCDN.COM/x.jpg",
            "https://ci.xiaohongshu.com./x.jpg",
            "https://sns-video-al.xhscdn.com:443/stream/1.mp4"})
    void xiaohongshuCdnsAreAllowedByDefault(String url) {
        assertThat(defaults.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///etc/passwd",
            "ftp://sns.xhscdn.com/x.jpg",
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.1:8080/x.jpg",
            "http://localhost/x.jpg",
            "http://10.0.0.7/x.jpg",
            "http://[::1]/x.jpg",
            "http://2130706433/x.jpg",
            "http://0x7f.1/x.jpg",
            "https://xhscdn.com.evil.example/x.jpg",
            "https://evilxhscdn.com/x.jpg",
            "https://sns.xhscdn.com@evil.example/x.jpg",
            "https://user:pw@sns.xhscdn.com/x.jpg",
            "//sns.xhscdn.com/x.jpg",
            "not a url at all"})
    void anythingElseIsRefusedWithAReason(String url) {
        assertThat(defaults.refusal(url)).isPresent().get().asString().isNotBlank();
    }

    @Test
    void theSimulatorsAddressIsAllowedExactlyPortIncluded() {
        MediaHosts withSimulator = defaults.with("127.0.0.1:41234");

        assertThat(withSimulator.refusal("http://127.0.0.1:41234/media/n1/image-1.jpg")).isEmpty();
        assertThat(withSimulator.refusal("http://127.0.0.1:41235/media/n1/image-1.jpg")).isPresent();
        assertThat(withSimulator.refusal("http://127.0.0.1/media/n1/image-1.jpg")).isPresent();
        assertThat(withSimulator.refusal("https://sns.xhscdn.com/x.jpg")).isEmpty();
    }

    @Test
    void theReasonNamesTheHostAndTheSetting() {
        assertThat(defaults.refusal("http://169.254.169.254/latest")).contains(
                "host 169.254.169.254 is not in media.allowed-hosts");
        assertThat(defaults.refusal("file:///etc/passwd")).contains("scheme 'file' is not http(s)");
    }

    @Test
    void aMalformedEntryIsNamed() {
        assertThatThrownBy(() -> MediaHosts.parse("*.xhscdn.com, http://cdn.example"))
                .hasMessageContaining("'http://cdn.example'");
        assertThatThrownBy(() -> MediaHosts.parse("*.*.example")).hasMessageContaining("'*.*.example'");
        assertThat(MediaHosts.parse(" cdn.example , ,*.mirror.example ").toString())
                .isEqualTo("cdn.example,*.mirror.example");
    }
}
