package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import xhsnoterouter.api.ApiResponse.TransportFailure;
import xhsnoterouter.api.Verdict.Kind;
import xhsnoterouter.support.ScriptedApi;

class ClassifierTest {

    private static final Path SAMPLE = ScriptedApi.REFERENCE;

    private final Classifier classifier = new Classifier();

    private Verdict classify(int httpStatus, String body) {
        return classifier.classify(ApiResponse.of(httpStatus, body.getBytes(StandardCharsets.UTF_8)));
    }

    private Verdict classifyCode(int code, String message) {
        return classify(200, "{\"code\":" + code + ",\"message\":" + (message == null ? "null" : "\"" + message + "\"")
                + ",\"data\":null,\"recordTime\":null,\"requestId\":\"r-1\"}");
    }

    // --- fetched ---

    @Test
    void realSuccessResponseIsFetched() throws Exception {
        Verdict verdict = classifier.classify(ApiResponse.of(200, Files.readAllBytes(SAMPLE)));

        assertThat(verdict.kind()).isEqualTo(Kind.FETCHED);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.code()).isZero();
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.response().path("data").path(0).path("note_list").path(0).path("id").asText())
                .isEqualTo("698ab064000000001503876d");
        assertThat(verdict.asksToSlowDown()).isFalse();
    }

    @Test
    void successIsDecidedByTheBodyNotTheHttpStatus() throws Exception {
        Verdict verdict = classifier.classify(ApiResponse.of(500, Files.readAllBytes(SAMPLE)));

        assertThat(verdict.kind()).isEqualTo(Kind.FETCHED);
        assertThat(verdict.httpStatus()).isEqualTo(500);
    }

    // --- not found ---

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"code\":0,\"message\":null,\"data\":[]}",
            "{\"code\":0,\"message\":null,\"data\":null}",
            "{\"code\":0,\"message\":null}",
            "{\"code\":0,\"message\":null,\"data\":[{\"note_list\":[]}]}",
    })
    void codeZeroWithoutANoteIsNotFound(String body) {
        Verdict verdict = classify(200, body);

        assertThat(verdict.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(verdict.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(verdict.code()).isZero();
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.message()).isNotBlank();
    }

    @Test
    void code201IsNotFound() {
        Verdict verdict = classifyCode(201, "no content");

        assertThat(verdict.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(verdict.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(verdict.code()).isEqualTo(201);
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.message()).isEqualTo("no content");
    }

    // --- retry ---

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 500, 503})
    void transientCodeIsRetried(int code) {
        Verdict verdict = classifyCode(code, "try later");

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.code()).isEqualTo(code);
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.message()).isEqualTo("try later");
    }

    @Test
    void transientCodeWithoutMessageIsDescribed() {
        assertThat(classifyCode(301, null).message()).isNotBlank();
    }

    @Test
    void code302AsksToSlowDown() {
        assertThat(classifyCode(302, "rate limit exceeded").asksToSlowDown()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 500, 503})
    void otherRetryCodesDoNotAskToSlowDown(int code) {
        assertThat(classifyCode(code, null).asksToSlowDown()).isFalse();
    }

    @Test
    void http502WithHtmlIsRetriedWithItsStatus() {
        Verdict verdict = classify(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.code()).isNull();
        assertThat(verdict.httpStatus()).isEqualTo(502);
        assertThat(verdict.message()).contains("502");
        assertThat(verdict.response()).isNull();
        assertThat(verdict.asksToSlowDown()).isFalse();
    }

    @Test
    void http429WithEmptyBodyIsRetriedAndAsksToSlowDown() {
        Verdict verdict = classifier.classify(ApiResponse.of(429, new byte[0]));

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.code()).isNull();
        assertThat(verdict.httpStatus()).isEqualTo(429);
        assertThat(verdict.message()).contains("429");
        assertThat(verdict.asksToSlowDown()).isTrue();
    }

    @Test
    void http503WithNoBodyIsRetried() {
        Verdict verdict = classifier.classify(ApiResponse.of(503, null));

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.httpStatus()).isEqualTo(503);
    }

    @Test
    void truncatedJsonIsRetried() throws Exception {
        byte[] whole = Files.readAllBytes(SAMPLE);
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);

        Verdict verdict = classifier.classify(ApiResponse.of(200, half));

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.code()).isNull();
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.response()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"message\":\"hello\",\"data\":[]}",
            "{\"code\":\"0\",\"message\":null,\"data\":[]}",
            "{\"code\":null,\"data\":[]}",
            "{\"code\":0.5,\"data\":[]}",
            "[0]",
            "0",
            "\"code\"",
            "not json at all",
    })
    void bodyThatIsNotTheApiEnvelopeIsRetried(String body) {
        Verdict verdict = classify(200, body);

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.code()).isNull();
        assertThat(verdict.httpStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TransportFailure.class)
    void transportFailureIsRetriedWithoutHttpStatus(TransportFailure failure) {
        Verdict verdict = classifier.classify(ApiResponse.failed(failure, "connection " + failure));

        assertThat(verdict.kind()).isEqualTo(Kind.RETRY);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.code()).isNull();
        assertThat(verdict.httpStatus()).isNull();
        assertThat(verdict.message()).isEqualTo("connection " + failure);
        assertThat(verdict.asksToSlowDown()).isFalse();
    }

    // --- failed ---

    @Test
    void code400FailsWithInvalidParams() {
        Verdict verdict = classify(400, "{\"code\":400,\"message\":\"noteId is invalid\",\"data\":null}");

        assertThat(verdict.kind()).isEqualTo(Kind.FAILED);
        assertThat(verdict.reason()).isEqualTo(Reason.INVALID_PARAMS);
        assertThat(verdict.code()).isEqualTo(400);
        assertThat(verdict.httpStatus()).isEqualTo(400);
        assertThat(verdict.message()).isEqualTo("noteId is invalid");
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 202, 300, 404, 777, -1})
    void otherCodeFailsAsUnexpectedKeepingCodeAndMessage(int code) {
        Verdict verdict = classifyCode(code, "something odd " + code);

        assertThat(verdict.kind()).isEqualTo(Kind.FAILED);
        assertThat(verdict.reason()).isEqualTo(Reason.UNEXPECTED_CODE);
        assertThat(verdict.code()).isEqualTo(code);
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.message()).isEqualTo("something odd " + code);
    }

    @Test
    void unexpectedCodeWithoutMessageNamesTheCode() {
        assertThat(classifyCode(777, null).message()).contains("777");
    }

    @Test
    void codeBeyondIntRangeIsUnexpectedNotSuccess() throws Exception {
        String sample = Files.readString(SAMPLE);
        String body = sample.replaceFirst("\"code\"\\s*:\\s*0", "\"code\": 4294967296");

        Verdict verdict = classify(200, body);

        assertThat(verdict.kind()).isNotEqualTo(Kind.FETCHED);
    }

    @Test
    void veryLongMessageIsCut() {
        String longMessage = "x".repeat(100_000);

        Verdict verdict = classifyCode(777, longMessage);

        assertThat(verdict.message()).startsWith("xxxxxxxxxx").hasSizeLessThanOrEqualTo(1_000);
    }

    // --- account stop ---

    @ParameterizedTest
    @CsvSource({
            "100, INVALID_TOKEN",
            "600, PERMISSION_DENIED",
            "601, INSUFFICIENT_BALANCE",
            "602, TOKEN_SPENDING_CAP",
            "303, DAILY_QUOTA_EXCEEDED",
    })
    void accountCodeStopsTheAccount(int code, Reason reason) {
        Verdict verdict = classify(403, "{\"code\":" + code + ",\"message\":\"account says no\",\"data\":null}");

        assertThat(verdict.kind()).isEqualTo(Kind.ACCOUNT_STOP);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.code()).isEqualTo(code);
        assertThat(verdict.httpStatus()).isEqualTo(403);
        assertThat(verdict.message()).isEqualTo("account says no");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 600, 601, 602, 303})
    void accountStopWithoutMessageIsDescribed(int code) {
        assertThat(classifyCode(code, null).message()).isNotBlank();
    }
    // --- share links ---

    private Verdict classifyLink(int httpStatus, String body) {
        return new Classifier(text -> text.replace("s3cret", "***"))
                .classifyLink(ApiResponse.of(httpStatus, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String redirecting(String url) {
        return "{\"code\":0,\"message\":\"success\",\"data\":{\"redirect_url\":\"" + url + "\"},\"requestId\":\"r\"}";
    }

    @Test
    void linkToANoteIsFetchedAndItsIdRead() {
        Verdict verdict = classifyLink(200, redirecting("https://www.xiaohongshu.com/discovery/item/64a1b2c3d4e5f60718293a4b"
                + "?app_platform=ios&app_version=8.86&share_from_user_hidden=true&xsec_source=app_share&type=normal"
                + "&xsec_token=CBxyz&author_share=1"));

        assertThat(verdict.kind()).isEqualTo(Kind.FETCHED);
        assertThat(Classifier.linkTarget(verdict.response())).hasValueSatisfying(
                id -> assertThat(id.value()).isEqualTo("64a1b2c3d4e5f60718293a4b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.xiaohongshu.com/404?source=share",
            "https://www.xiaohongshu.com/user/profile/5cc823550000000010034c96?xsec_token=s3cret",
            "http://xhslink.com/a/AbC",
            "not a url",
    })
    void linkLeadingElsewhereIsUnresolvedAndSaysWhere(String url) {
        Verdict verdict = classifyLink(200, redirecting(url));

        assertThat(verdict.kind()).isEqualTo(Kind.FAILED);
        assertThat(verdict.reason()).isEqualTo(Reason.UNRESOLVED_LINK);
        assertThat(verdict.code()).isZero();
        assertThat(verdict.message()).contains(url.replace("s3cret", "***")).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"code\":0,\"message\":\"ok\",\"data\":null}",
            "{\"code\":0,\"message\":\"ok\",\"data\":{}}",
            "{\"code\":0,\"message\":\"ok\",\"data\":{\"redirect_url\":\"\"}}",
            "{\"code\":0,\"message\":\"ok\",\"data\":[{\"note_list\":[{}]}]}",
    })
    void codeZeroWithoutARedirectIsUnresolved(String body) {
        Verdict verdict = classifyLink(200, body);

        assertThat(verdict.reason()).isEqualTo(Reason.UNRESOLVED_LINK);
        assertThat(verdict.message()).contains("redirect_url");
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 404})
    void noContentCodesAreUnresolvedLinks(int code) {
        Verdict verdict = classifyLink(200, "{\"code\":" + code + ",\"message\":\"nothing for token s3cret\",\"data\":null}");

        assertThat(verdict.kind()).isEqualTo(Kind.FAILED);
        assertThat(verdict.reason()).isEqualTo(Reason.UNRESOLVED_LINK);
        assertThat(verdict.code()).isEqualTo(code);
        assertThat(verdict.message()).contains("nothing for token ***");
    }

    @ParameterizedTest
    @CsvSource({
            "301, RETRY, ",
            "400, FAILED, INVALID_PARAMS",
            "601, ACCOUNT_STOP, INSUFFICIENT_BALANCE",
            "777, FAILED, UNEXPECTED_CODE",
    })
    void otherCodesFollowTheNoteTable(int code, Kind kind, Reason reason) {
        Verdict verdict = classifyLink(200, "{\"code\":" + code + ",\"message\":\"m\",\"data\":null}");

        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.reason()).isEqualTo(reason);
    }
}
