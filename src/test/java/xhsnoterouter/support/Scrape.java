package xhsnoterouter.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The management endpoints seen as Prometheus and a load balancer see them: real HTTP GETs, text parsed. */
public final class Scrape {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public record Answer(int status, String body) {
    }

    private final List<Sample> samples;
    private final String text;

    private Scrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    public static Answer get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** {@code GET http://127.0.0.1:<port>/observe/metrics}, which must answer 200. */
    public static Scrape metrics(int port) throws IOException, InterruptedException {
        Answer answer = get(URI.create("http://127.0.0.1:" + port + "/observe/metrics"));
        if (answer.status() != 200) {
            throw new IllegalStateException("/observe/metrics answered " + answer.status() + ": " + answer.body());
        }
        return new Scrape(answer.body());
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels} (pairs: key, value). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, labels)) {
                total += s.value();
            }
        }
        return total;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The values of one label among the samples of {@code name}, with each value's sum. */
    public Map<String, Double> byLabel(String name, String label, String... filter) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, filter)) {
                totals.merge(s.labels().get(label), s.value(), Double::sum);
            }
        }
        return totals;
    }

    private static boolean matches(Sample s, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    private static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space).trim();
            double value = Double.parseDouble(line.substring(space + 1).trim());
            int brace = key.indexOf('{');
            String name = brace < 0 ? key : key.substring(0, brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                Matcher m = LABEL.matcher(key.substring(brace));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            out.add(new Sample(name, labels, value));
        }
        return out;
    }
}
