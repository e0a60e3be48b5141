package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;

class SimulatorRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstAboveTheRateIsAnsweredRateLimitExceeded() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 50, "", 42, 20))) {
            SimClient client = new SimClient(simulator);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(client.getAsync(String.format("%024x", i + 1)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

            List<HttpResponse<String>> limited = calls.stream().map(CompletableFuture::join)
                    .filter(r -> r.statusCode() != 200).toList();
            // one second's worth passes at once (a token or two more may refill during the burst)
            assertThat(60 - limited.size()).isBetween(20, 23);
            assertThat(limited).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(429);
                JsonNode body = Json.MAPPER.readTree(response.body());
                assertThat(body.get("code").asInt()).isEqualTo(302);
                assertThat(body.get("message").asText()).isEqualToIgnoringCase("rate limit exceeded");
                assertThat(body.get("data").isNull()).isTrue();
                assertThat(body.get("requestId").asText()).isNotEmpty();
            });
            assertThat(simulator.rateLimitedCount()).isEqualTo(limited.size());
            assertThat(simulator.requestCount()).isEqualTo(60);
        }
    }

    @Test
    void shareLinksAndNotesShareOneBudget() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 0, "", 42, 1))) {
            SimClient client = new SimClient(simulator);

            assertThat(client.get("698ab064000000001503876d").statusCode()).isEqualTo(200);
            HttpResponse<String> link = client.resolve("http://xhslink.com/a/AbCdEf123");

            assertThat(Json.MAPPER.readTree(link.body()).get("code").asInt()).isEqualTo(302);
            assertThat(simulator.rateLimitedCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutALimitNothingIsRateLimited() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
            SimClient client = new SimClient(simulator);
            for (int i = 0; i < 50; i++) {
                assertThat(client.get(String.format("%024x", i + 1)).statusCode()).isEqualTo(200);
            }
            assertThat(simulator.rateLimitedCount()).isZero();
        }
    }

    @Test
    void theBucketRefillsAtTheRate() {
        AtomicLong time = new AtomicLong();
        RateLimit limit = new RateLimit(20, time::get);
        assertThat(admitted(limit, 100)).as("one second's worth at once").isEqualTo(20);

        time.addAndGet(SECOND / 2);
        assertThat(admitted(limit, 100)).as("half a second later").isEqualTo(10);

        int steady = 0;
        for (int tick = 0; tick < 100; tick++) { // 100 requests at 100/s against 20/s
            time.addAndGet(SECOND / 100);
            steady += admitted(limit, 1);
        }
        assertThat(steady).isBetween(19, 21);

        time.addAndGet(10 * SECOND);
        assertThat(admitted(limit, 100)).as("an idle bucket holds one second's worth, no more").isEqualTo(20);
    }

    @Test
    void aRateBelowOnePerSecondStillLetsOneThrough() {
        AtomicLong time = new AtomicLong();
        RateLimit limit = new RateLimit(0.5, time::get);
        assertThat(admitted(limit, 5)).isEqualTo(1);
        time.addAndGet(SECOND);
        assertThat(admitted(limit, 5)).isZero();
        time.addAndGet(SECOND);
        assertThat(admitted(limit, 5)).isEqualTo(1);
    }

    private static int admitted(RateLimit limit, int requests) {
        int passed = 0;
        for (int i = 0; i < requests; i++) {
            passed += limit.admit() ? 1 : 0;
        }
        return passed;
    }
}
