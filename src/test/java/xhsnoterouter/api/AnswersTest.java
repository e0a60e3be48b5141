package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import xhsnoterouter.Json;
import xhsnoterouter.observe.Metrics;
import xhsnoterouter.support.ScriptedApi;

/**
 * What the routes' choices see of an answer: the headers {@link Answers} sets from a real response, odd bodies and
 * transport failures. Which flow each header value goes to is routes/fetch.yaml's (OutcomeTableTest, end to end).
 */
class AnswersTest {

    private static final String TOKEN = "tK9secretValue42";
    private final Answers answers = new Answers(new ApiUrls(java.net.URI.create("http://127.0.0.1"), TOKEN)::mask,
            "127.0.0.1", new WholeRequestDeadline(Duration.ofSeconds(7)), new RateGate(4, 0), Metrics.NONE);

    @Test
    void theVendorsRealResponseHasCodeZeroAndANote() throws Exception {
        Exchange e = read(Files.readAllBytes(ScriptedApi.REFERENCE), 200);

        assertThat(e.getMessage().getHeader(Answers.CODE)).isEqualTo(0);
        assertThat(e.getMessage().getHeader(Answers.HAS_NOTE, Boolean.class)).isTrue();
        assertThat(e.getProperty(Answers.RAW_BODY, byte[].class)).isEqualTo(Files.readAllBytes(ScriptedApi.REFERENCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"code\":0,\"data\":[]}", "{\"code\":0,\"data\":null}", "{\"code\":0,\"data\":[{\"note_list\":[]}]}"})
    void codeZeroWithoutANoteSaysSo(String body) {
        Exchange e = read(body, 200);

        assertThat(e.getMessage().getHeader(Answers.CODE)).isEqualTo(0);
        assertThat(e.getMessage().getHeader(Answers.HAS_NOTE, Boolean.class)).isFalse();
        assertThat(message(e)).isEqualTo("code 0 without a note");
    }

    @Test
    void theApisMessageIsKeptTokenFreeAndCut() {
        String body = "{\"code\":777,\"message\":\"bad token=" + TOKEN + " " + "x".repeat(600) + TOKEN + "\"}";

        Exchange e = read(body, 200);

        assertThat(e.getMessage().getHeader(Answers.CODE)).isEqualTo(777);
        assertThat(message(e)).startsWith("bad token=*** xxx").doesNotContain(TOKEN).endsWith("x…").hasSize(501);
    }

    @Test
    void codesWithoutAMessageAreDescribed() {
        assertThat(message(read("{\"code\":201}", 200))).isEqualTo("no content");
        assertThat(message(read("{\"code\":302,\"message\":null}", 200))).isEqualTo("rate limit exceeded");
        assertThat(message(read("{\"code\":601}", 200))).isEqualTo("insufficient balance");
        assertThat(message(read("{\"code\":400}", 200))).isEqualTo("invalid parameters");
        assertThat(message(read("{\"code\":404}", 200))).isEqualTo("code 404");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"ok\"", "{\"message\":\"no code\"}", "{\"code\":\"0\"}", "{\"code\":1.5}"})
    void aBodyThatIsNotTheEnvelopeHasNoCode(String body) {
        Exchange e = read(body, 502);

        assertThat(e.getMessage().getHeaders()).doesNotContainKey(Answers.CODE);
        assertThat(message(e)).isEqualTo("HTTP 502 with a body that is not the API's JSON");
        assertThat(e.getMessage().getHeader(Answers.HTTP_STATUS)).isEqualTo(502);
    }

    @Test
    void brokenJsonAndAnEmptyBodyHaveNoCode() {
        Exchange broken = exchange("{\"code\":0,\"da".getBytes(StandardCharsets.UTF_8), 200);
        answers.notJson(broken);
        answers.read(broken);
        assertThat(broken.getMessage().getHeaders()).doesNotContainKey(Answers.CODE);
        assertThat(message(broken)).isEqualTo("HTTP 200 with a body that is not the API's JSON");

        Exchange empty = exchange(new byte[0], 429);
        answers.notJson(empty);
        answers.read(empty);
        assertThat(message(empty)).isEqualTo("HTTP 429 with an empty body");
    }

    @Test
    void aCodeNoIntHoldsIsNotReadAsSuccess() {
        Exchange e = read("{\"code\":4294967296,\"message\":\"odd\"}", 200);

        assertThat(e.getMessage().getHeader(Answers.CODE)).isEqualTo("4294967296").isNotEqualTo(0);
        assertThat(message(e)).isEqualTo("code 4294967296: odd");
    }

    @Test
    void transportFailuresAreDescribedWithoutAStatus() {
        assertThat(failed(new ConnectException("Connection refused"))).isEqualTo("connection refused by 127.0.0.1");
        assertThat(failed(new NoHttpResponseException("127.0.0.1:1 failed to respond")))
                .isEqualTo("connection dropped: the server closed it without an answer");
        assertThat(failed(new SocketTimeoutException("Read timed out"))).isEqualTo("no complete response within 7 s");
        assertThat(failed(new java.io.IOException("Connection reset, url ?token=" + TOKEN)))
                .isEqualTo("connection dropped: Connection reset, url ?token=***");
    }

    @Test
    void aShortLinkToANoteNamesItsNote() {
        Exchange e = readLink("{\"code\":0,\"data\":{\"redirect_url\":\"https://www.xiaohongshu.com/discovery/item/"
                + "64a1b2c3d4e5f60718293a4b?xsec_token=x\"}}");

        assertThat(e.getMessage().getHeader(Answers.LINK_TARGET)).isEqualTo("64a1b2c3d4e5f60718293a4b");
    }

    @Test
    void aShortLinkToNoNoteSaysWhy() {
        Exchange elsewhere = readLink("{\"code\":0,\"data\":{\"redirect_url\":\"https://www.xiaohongshu.com/user/profile/5f\"}}");
        assertThat(elsewhere.getMessage().getHeaders()).doesNotContainKey(Answers.LINK_TARGET);
        assertThat(message(elsewhere)).isEqualTo("the link leads to https://www.xiaohongshu.com/user/profile/5f, which is"
                + " not a note (deleted, private or another kind of page)");

        assertThat(message(readLink("{\"code\":0,\"message\":\"success\",\"data\":{}}")))
                .isEqualTo("code 0 without data.redirect_url (success): the link leads to no note");
        assertThat(message(readLink("{\"code\":404}"))).isEqualTo("the API found nothing behind the link (code 404: code 404)");
        assertThat(message(readLink("{\"code\":201,\"message\":\"gone\"}")))
                .isEqualTo("the API found nothing behind the link (code 201: gone)");
    }

    private String failed(Exception cause) {
        Exchange e = exchange(null, null);
        e.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        answers.transportFailed(e);
        answers.read(e);
        assertThat(e.getMessage().getHeaders()).doesNotContainKeys(Answers.CODE, Answers.HTTP_STATUS);
        return message(e);
    }

    private Exchange read(String body, int status) {
        return read(body.getBytes(StandardCharsets.UTF_8), status);
    }

    private Exchange read(byte[] body, int status) {
        Exchange e = exchange(body, status);
        answers.read(e);
        return e;
    }

    private Exchange readLink(String body) {
        Exchange e = exchange(body.getBytes(StandardCharsets.UTF_8), 200);
        answers.readLink(e);
        return e;
    }

    /** As the route has it after the call: bytes received, then unmarshalled (here with the app's one mapper). */
    private Exchange exchange(byte[] body, Integer status) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setBody(body);
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body == null) {
            return e;
        }
        answers.received(e);
        try {
            e.getMessage().setBody(Json.MAPPER.readTree(body));
        } catch (Exception notJson) {
            e.getMessage().setBody(body);
        }
        return e;
    }

    private static String message(Exchange e) {
        return e.getMessage().getHeader(Answers.MESSAGE, String.class);
    }
}
