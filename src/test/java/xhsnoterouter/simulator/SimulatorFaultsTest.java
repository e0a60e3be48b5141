package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

class SimulatorFaultsTest {

    private static final String ID = "698ab064000000001503876d";
    private static final List<String> IDS = List.of(ID, "65a1b2c3d4e5f60718293a4b", "0123456789abcdef01234567",
            "fedcba9876543210fedcba98", "5cc823550000000010034c96");

    @Test
    void apiCodeFaultsAnswerThatCodeWithTheMatchingHttpStatus() throws Exception {
        Map<Integer, Integer> httpByCode = Map.of(301, 200, 302, 429, 303, 429, 500, 500, 503, 503, 600, 403,
                100, 401, 201, 200, 601, 200);
        for (Map.Entry<Integer, Integer> e : httpByCode.entrySet()) {
            try (Simulator simulator = start(e.getKey() + ":1")) {
                HttpResponse<String> response = new SimClient(simulator).get(ID);

                assertThat(response.statusCode()).as("code %d", e.getKey()).isEqualTo(e.getValue());
                assertThat(SimClient.json(response).get("code").asInt()).isEqualTo(e.getKey());
                assertThat(SimClient.json(response).get("data").isNull()).isTrue();
                assertThat(SimClient.json(response).get("message").asText()).isNotBlank();
            }
        }
    }

    @Test
    void rateOneAlwaysAnswersThatCode() throws Exception {
        try (Simulator simulator = start("301:1.0")) {
            SimClient client = new SimClient(simulator);
            for (String id : IDS) {
                for (int attempt = 0; attempt < 4; attempt++) {
                    assertThat(SimClient.json(client.get(id)).get("code").asInt()).isEqualTo(301);
                }
            }
        }
    }

    @Test
    void timeoutNeverAnswersSoTheClientTimeoutFires() throws Exception {
        try (Simulator simulator = start("timeout:1")) {
            SimClient client = new SimClient(simulator).withTimeout(Duration.ofMillis(300));
            long started = System.nanoTime();

            assertThatThrownBy(() -> client.get(ID)).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(simulator.maxInFlight()).isEqualTo(1);
        }
    }

    @Test
    void closingReleasesHeldTimeoutConnectionsAtOnce() throws Exception {
        Simulator simulator = start("timeout:1");
        var pending = new SimClient(simulator).withTimeout(Duration.ofSeconds(30)).getAsync(ID);
        Thread.sleep(200);
        long closing = System.nanoTime();
        simulator.close();

        assertThatThrownBy(pending::join).hasCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void resetDropsTheConnectionWithoutAnAnswer() throws Exception {
        try (Simulator simulator = start("reset:1")) {
            assertThatThrownBy(() -> new SimClient(simulator).get(ID))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void malformedIsHttp200WithTruncatedJson() throws Exception {
        try (Simulator simulator = start("malformed:1")) {
            HttpResponse<String> response = new SimClient(simulator).get(ID);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"code\":0,\"data\":[");
            assertThatThrownBy(() -> SimClient.json(response)).isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void http502IsAnHtmlErrorPage() throws Exception {
        try (Simulator simulator = start("http502:1")) {
            HttpResponse<String> response = new SimClient(simulator).get(ID);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(response.body()).contains("502 Bad Gateway").contains("nginx");
        }
    }

    @Test
    void http429HasAnEmptyBody() throws Exception {
        try (Simulator simulator = start("http429:1")) {
            HttpResponse<String> response = new SimClient(simulator).get(ID);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void sameSeedRepeatsTheFaultSequenceWhateverTheOrderAcrossIds() throws Exception {
        String faults = "301:0.3,500:0.2,malformed:0.1,201:0.1";
        List<String> first = sequence(faults, 42, IDS);
        List<String> reversedIds = new ArrayList<>(IDS);
        Collections.reverse(reversedIds);
        List<String> sameSeedOtherOrder = sequence(faults, 42, reversedIds);
        List<String> otherSeed = sequence(faults, 43, IDS);

        assertThat(sameSeedOtherOrder).containsExactlyInAnyOrderElementsOf(first);
        assertThat(first).as("a mix of answers").anyMatch(s -> s.endsWith("=0")).anyMatch(s -> !s.endsWith("=0"));
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** "id#attempt=code" for 6 attempts per ID, IDs interleaved round-robin in the given order. */
    private static List<String> sequence(String faults, long seed, List<String> ids) throws Exception {
        List<String> answers = new ArrayList<>();
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 0, faults, seed))) {
            SimClient client = new SimClient(simulator);
            for (int attempt = 1; attempt <= 6; attempt++) {
                for (String id : ids) {
                    HttpResponse<String> response = client.get(id);
                    String code = response.body().endsWith("}") ? SimClient.json(response).get("code").asText() : "malformed";
                    answers.add(id + "#" + attempt + "=" + code);
                }
            }
        }
        return answers;
    }

    private static Simulator start(String faults) throws IOException {
        return Simulator.start(new SimulatorSettings(0, 0, faults, 42));
    }
}
