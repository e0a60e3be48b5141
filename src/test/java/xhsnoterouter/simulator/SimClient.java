package xhsnoterouter.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;

/** Calls a running simulator the way the app does: plain HTTP/1.1 over loopback with keep-alive. */
final class SimClient {

    static final String TOKEN = "test-token";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Simulator simulator;
    private Duration timeout = Duration.ofSeconds(5);

    SimClient(Simulator simulator) {
        this.simulator = simulator;
    }

    SimClient withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    HttpResponse<String> get(String noteId) throws IOException, InterruptedException {
        return getQuery("token=" + TOKEN + "&noteId=" + encode(noteId));
    }

    /** The share-link endpoint: where an xhslink.com link leads. */
    HttpResponse<String> resolve(String shareUrl) throws IOException, InterruptedException {
        return getPath(ShareLinks.PATH + "?token=" + TOKEN + "&shareUrl=" + encode(shareUrl));
    }

    HttpResponse<String> getQuery(String query) throws IOException, InterruptedException {
        return HTTP.send(request(NoteDetailHandler.PATH + "?" + query), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getPath(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String noteId) {
        return HTTP.sendAsync(request(NoteDetailHandler.PATH + "?token=" + TOKEN + "&noteId=" + encode(noteId)),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).timeout(timeout).GET().build();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    static JsonNode note(HttpResponse<String> response) throws IOException {
        return json(response).at("/data/0/note_list/0");
    }

    /** A V6 note-detail request. */
    HttpResponse<String> getV6(String noteId) throws IOException, InterruptedException {
        return getPath(NoteDetailV6.PATH + "?token=" + TOKEN + "&noteId=" + encode(noteId));
    }

    /** Any URL (a media link the simulator gave), its body as bytes. */
    static HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        return download(url, Duration.ofSeconds(5));
    }

    static HttpResponse<byte[]> download(String url, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The note with its media links made the same in every simulator and at every second: the port and the
     * signature ({@code sign}, {@code t}) left out, which differ between simulators and answers by design.
     */
    static JsonNode unsigned(JsonNode note) throws IOException {
        String text = Json.MAPPER.writeValueAsString(note)
                .replaceAll("http://127\\.0\\.0\\.1:\\d+/media/", "http://simulator/media/")
                .replaceAll("sign=[0-9a-f]{32}&t=\\d+", "sign=S&t=T");
        return Json.MAPPER.readTree(text);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
