package xhsnoterouter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

import xhsnoterouter.delivery.EventType;
import xhsnoterouter.delivery.Destinations;
import xhsnoterouter.delivery.SmtpSettings;
import xhsnoterouter.media.MediaHosts;
import xhsnoterouter.media.MediaKind;
import xhsnoterouter.simulator.FaultPlan;
import xhsnoterouter.simulator.SimulatorSettings;

/**
 * Every setting of SPEC §4, resolved (file, then environment, then JVM system property) and validated
 * before anything starts, so a bad value is one clear line and exit status 2, never a half-started app.
 */
public record Settings(
        String token,
        URI baseUrl,
        int timeoutSeconds,
        int concurrency,
        double maxRequestsPerSecond,
        int retryMaxAttempts,
        long retryInitialDelayMs,
        long retryMaxDelayMs,
        Path inboxDir,
        Path outboxDir,
        Path stateDir,
        SimulatorSettings simulator,
        DeliverySettings delivery,
        ScheduleSettings schedule,
        boolean keepHistory,
        ManagementSettings management,
        KafkaSettings kafka,
        MediaSettings media,
        Path workDir,
        boolean configFileFound,
        boolean inboxCreated) {

    public static final String CONFIG_FILE = "config/application.properties";

    /** The keys this class reads, with their defaults; the order is the order of SPEC §4. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("justoneapi.token", "");
        d.put("justoneapi.base-url", "https://api.justoneapi.com");
        d.put("justoneapi.timeout-seconds", "60");
        d.put("justoneapi.concurrency", "4");
        d.put("justoneapi.max-requests-per-second", "0");
        d.put("retry.max-attempts", "5");
        d.put("retry.initial-delay-ms", "2000");
        d.put("retry.max-delay-ms", "60000");
        d.put("inbox.dir", "inbox");
        d.put("outbox.dir", "outbox");
        d.put("state.dir", "state");
        d.put("delivery.webhook.url", "");
        d.put("delivery.webhook.secret", "");
        d.put("delivery.webhook.events", "note.fetched,note.failed,batch.completed,api.paused,api.resumed");
        d.put("delivery.webhook.timeout-seconds", "10");
        d.put("delivery.webhook.max-attempts", "5");
        d.put("delivery.mail.to", "");
        d.put("delivery.mail.from", "xhs-note-router@localhost");
        d.put("delivery.mail.events", "batch.completed,api.paused,api.resumed");
        d.put("mail.smtp.host", "localhost");
        d.put("mail.smtp.port", "25");
        d.put("mail.smtp.username", "");
        d.put("mail.smtp.password", "");
        d.put("mail.smtp.security", "none");
        d.put("delivery.resend-interval-seconds", "60");
        d.put("schedule.watchlist", "config/watchlist.txt");
        d.put("schedule.cron", "0 0 */6 * * ?");
        d.put("schedule.time-zone", "");
        d.put("archive.keep-history", "true");
        d.put("management.port", "9464");
        d.put("management.host", "127.0.0.1");
        d.put("kafka.bootstrap-servers", "");
        d.put("kafka.input-topic", "xnr.note-requests");
        d.put("kafka.group-id", "xhs-note-router");
        d.put("kafka.output-topic", "xnr.notes");
        d.put("kafka.failed-topic", "xnr.failed");
        d.put("kafka.events-topic", "xnr.events");
        d.put("kafka.dedupe-topic", "xnr.fetched");
        d.put("kafka.batch-size", "100");
        d.put("kafka.instance-id", "");
        d.put("media.download", "none");
        d.put("media.allowed-hosts", MediaHosts.DEFAULT);
        d.put("media.concurrency", "4");
        d.put("media.timeout-seconds", "120");
        d.put("media.max-bytes", "500MB");
        d.put("simulator.port", "0");
        d.put("simulator.latency-ms", "0");
        d.put("simulator.faults", "");
        d.put("simulator.seed", "42");
        d.put("simulator.rate-limit-per-second", "0");
        d.put("simulator.images-per-note", "0");
        return d;
    }

    public boolean simulatorMode() {
        return token.isEmpty();
    }

    /** The environment variable that overrides a key: upper-cased, dots and dashes as underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Settings load(Path workDir, Map<String, String> env, Properties system) throws ConfigException {
        Path configFile = workDir.resolve(CONFIG_FILE);
        Properties file = readConfigFile(configFile);
        Map<String, String> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : DEFAULTS.entrySet()) {
            String key = d.getKey();
            String value = d.getValue();
            if (file.getProperty(key) != null) {
                value = file.getProperty(key);
            }
            String fromEnv = env.get(environmentName(key));
            if (fromEnv != null) {
                value = fromEnv;
            }
            if (system.getProperty(key) != null) {
                value = system.getProperty(key);
            }
            raw.put(key, value.trim());
        }
        Path absoluteWorkDir = workDir.toAbsolutePath().normalize();
        boolean inboxExisted;
        try {
            inboxExisted = Files.exists(absoluteWorkDir.resolve(raw.get("inbox.dir")));
        } catch (java.nio.file.InvalidPathException e) {
            inboxExisted = true;
        }
        raw.putAll(kafkaClientProperties(file, env, system));
        return validate(raw, absoluteWorkDir, Files.isRegularFile(configFile), !inboxExisted);
    }

    /**
     * Pass-through Kafka client settings: any other {@code kafka.<client property>} key of the file or the system
     * properties (Kafka's own names: lower case and dots, e.g. {@code kafka.security.protocol}), and from the
     * environment the security ones ({@code KAFKA_SECURITY_*}, {@code KAFKA_SASL_*}, {@code KAFKA_SSL_*}: other
     * {@code KAFKA_} variables such as KAFKA_HOME belong to other tools).
     */
    private static Map<String, String> kafkaClientProperties(Properties file, Map<String, String> env, Properties system) {
        Map<String, String> found = new java.util.TreeMap<>();
        for (Properties source : List.of(file, system)) {
            for (String key : source.stringPropertyNames()) {
                if (key.startsWith(KAFKA_PREFIX) && !DEFAULTS.containsKey(key)) {
                    found.put(key, source.getProperty(key).trim());
                }
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("KAFKA_SECURITY_") || name.startsWith("KAFKA_SASL_") || name.startsWith("KAFKA_SSL_")) {
                found.putIfAbsent(name.toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue().trim());
            }
        }
        return found;
    }

    private static final String KAFKA_PREFIX = "kafka.";
    /** Kafka client properties that have a setting of their own (or that the app must decide: offsets, commits). */
    private static final Map<String, String> OWN_CLIENT_PROPERTIES = Map.of(
            "bootstrap.servers", "kafka.bootstrap-servers",
            "group.id", "kafka.group-id",
            "enable.auto.commit", "kafka.group-id (offsets are committed by the app once a note is done)",
            "max.poll.records", "kafka.batch-size");

    private static Properties readConfigFile(Path configFile) throws ConfigException {
        Properties props = new Properties();
        if (!Files.isRegularFile(configFile)) {
            return props;
        }
        try (InputStream in = Files.newInputStream(configFile)) {
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read " + CONFIG_FILE + ": " + e.getMessage());
        }
        return props;
    }

    private static Settings validate(Map<String, String> raw, Path workDir, boolean configFound, boolean inboxCreated)
            throws ConfigException {
        Values v = new Values(raw);
        long initialDelay = v.longAtLeast("retry.initial-delay-ms", 0);
        long maxDelay = v.longAtLeast("retry.max-delay-ms", 0);
        if (maxDelay < initialDelay) {
            throw v.invalid("retry.max-delay-ms", "must be at least retry.initial-delay-ms (" + initialDelay + ")");
        }
        String faults = raw.get("simulator.faults");
        try {
            FaultPlan.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid simulator.faults: " + e.getMessage() + hint("simulator.faults"));
        }
        SimulatorSettings simulator = new SimulatorSettings(
                v.intBetween("simulator.port", 0, 65535),
                v.longAtLeast("simulator.latency-ms", 0),
                faults,
                v.anyLong("simulator.seed"),
                v.doubleAtLeast("simulator.rate-limit-per-second", 0),
                v.intBetween("simulator.images-per-note", 0, SimulatorSettings.MAX_IMAGES_PER_NOTE));
        DeliverySettings delivery = new DeliverySettings(
                v.webhookUrl("delivery.webhook.url"),
                raw.get("delivery.webhook.secret"),
                v.events("delivery.webhook.events"),
                v.intBetween("delivery.webhook.timeout-seconds", 1, 3600),
                v.intBetween("delivery.webhook.max-attempts", 1, 100),
                v.addresses("delivery.mail.to", false),
                v.addresses("delivery.mail.from", true),
                v.events("delivery.mail.events"),
                new SmtpSettings(raw.get("mail.smtp.host"), v.intBetween("mail.smtp.port", 1, 65535),
                        raw.get("mail.smtp.username"), raw.get("mail.smtp.password"), v.oneOf("mail.smtp.security",
                        SmtpSettings.SECURITY)),
                v.intBetween("delivery.resend-interval-seconds", 1, 86400));
        ScheduleSettings schedule = v.schedule();
        KafkaSettings kafka = v.kafka();
        MediaSettings media = v.media();
        return new Settings(
                raw.get("justoneapi.token"),
                v.httpUrl("justoneapi.base-url"),
                v.intBetween("justoneapi.timeout-seconds", 1, 3600),
                v.intBetween("justoneapi.concurrency", 1, 256),
                v.doubleAtLeast("justoneapi.max-requests-per-second", 0),
                v.intBetween("retry.max-attempts", 1, 100),
                initialDelay,
                maxDelay,
                v.folder("inbox.dir", workDir),
                v.folder("outbox.dir", workDir),
                v.folder("state.dir", workDir),
                simulator,
                delivery,
                schedule,
                v.bool("archive.keep-history"),
                v.management(),
                kafka,
                media,
                workDir,
                configFound,
                inboxCreated);
    }

    static String hint(String key) {
        return " (set it in " + CONFIG_FILE + ", or with the environment variable " + environmentName(key)
                + " or -D" + key + "=...)";
    }

    /** The resolved values as Camel property overrides, so YAML routes see exactly what the app uses. */
    public Map<String, String> asProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("justoneapi.base-url", baseUrl.toString());
        p.put("justoneapi.timeout-seconds", Integer.toString(timeoutSeconds));
        p.put("justoneapi.concurrency", Integer.toString(concurrency));
        p.put("justoneapi.max-requests-per-second", Double.toString(maxRequestsPerSecond));
        p.put("retry.max-attempts", Integer.toString(retryMaxAttempts));
        p.put("retry.initial-delay-ms", Long.toString(retryInitialDelayMs));
        p.put("retry.max-delay-ms", Long.toString(retryMaxDelayMs));
        p.put("inbox.dir", inboxDir.toString());
        p.put("outbox.dir", outboxDir.toString());
        p.put("state.dir", stateDir.toString());
        // The delivery routes in routes/*.yaml read these (the SMTP password as RAW(...) in routes/mail.yaml's smtp:
        // endpoint, whose URI Camel logs with the password masked).
        p.put("delivery.webhook.url", delivery.webhookUrl());
        p.put("delivery.webhook.secret", delivery.webhookSecret());
        p.put("delivery.webhook.events", delivery.webhookEvents());
        p.put("delivery.webhook.timeout-seconds", Integer.toString(delivery.webhookTimeoutSeconds()));
        p.put("delivery.webhook.max-attempts", Integer.toString(delivery.webhookMaxAttempts()));
        p.put("delivery.mail.to", delivery.mailTo());
        p.put("delivery.mail.from", delivery.mailFrom());
        p.put("delivery.mail.events", delivery.mailEvents());
        p.put("mail.smtp.host", delivery.smtp().host());
        p.put("mail.smtp.port", Integer.toString(delivery.smtp().port()));
        p.put("mail.smtp.username", delivery.smtp().username());
        p.put("mail.smtp.password", delivery.smtp().password());
        p.put("mail.smtp.security", delivery.smtp().security());
        p.put("schedule.watchlist", schedule.watchlist());
        p.put("schedule.cron", schedule.cron());
        p.put("schedule.time-zone", schedule.timeZone().getId());
        // routes/media.yaml reads these.
        p.put("media.download", media.enabled()
                ? String.join(",", media.kinds().stream().map(MediaKind::wireName).sorted().toList()) : "none");
        p.put("media.concurrency", Integer.toString(media.concurrency()));
        p.put("media.timeout-seconds", Integer.toString(media.timeoutSeconds()));
        p.put("media.timeout-ms", Long.toString(media.timeoutSeconds() * 1000L));
        return p;
    }

    /** Parses one raw value at a time, naming the key in every error. */
    private record Values(Map<String, String> raw) {

        ConfigException invalid(String key, String why) {
            return new ConfigException("invalid " + key + " '" + shown(raw.get(key)) + "': " + why + hint(key));
        }

        /** A value as it may be printed: a URL's query and fragment could hold a pasted token. */
        private static String shown(String value) {
            int cut = value.indexOf('?');
            int hash = value.indexOf('#');
            if (hash >= 0 && (cut < 0 || hash < cut)) {
                cut = hash;
            }
            return cut < 0 ? value : value.substring(0, cut) + "?…";
        }

        int intBetween(String key, int min, int max) throws ConfigException {
            try {
                int value = Integer.parseInt(raw.get(key));
                if (value < min || value > max) {
                    throw invalid(key, "must be a whole number from " + min + " to " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number from " + min + " to " + max);
            }
        }

        long longAtLeast(String key, long min) throws ConfigException {
            try {
                long value = Long.parseLong(raw.get(key));
                if (value < min) {
                    throw invalid(key, "must be a whole number of at least " + min);
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number of at least " + min);
            }
        }

        long anyLong(String key) throws ConfigException {
            try {
                return Long.parseLong(raw.get(key));
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number");
            }
        }

        double doubleAtLeast(String key, double min) throws ConfigException {
            try {
                double value = Double.parseDouble(raw.get(key));
                if (!(value >= min) || Double.isInfinite(value)) {
                    throw invalid(key, "must be a number of at least " + min);
                }
                return value;
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a number of at least " + min);
            }
        }

        boolean bool(String key) throws ConfigException {
            String text = raw.get(key).toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            throw invalid(key, "must be true or false");
        }

        ScheduleSettings schedule() throws ConfigException {
            String zoneText = raw.get("schedule.time-zone");
            ZoneId zone;
            try {
                zone = zoneText.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw invalid("schedule.time-zone", "must be empty (this machine's zone) or a time zone such as "
                        + "Asia/Shanghai, Europe/Berlin or UTC");
            }
            String cron = raw.get("schedule.cron");
            if (!cron.isEmpty()) {
                cron(cron, zone);
            }
            String watchlist = raw.get("schedule.watchlist");
            if (watchlist.isEmpty()) {
                throw invalid("schedule.watchlist", "must name a file, e.g. config/watchlist.txt");
            }
            return new ScheduleSettings(watchlist, cron, zone);
        }

        /** A Quartz cron (what camel-quartz fires by) that fires again after now. */
        private void cron(String cron, ZoneId zone) throws ConfigException {
            String why;
            try {
                CronExpression expression = new CronExpression(cron);
                expression.setTimeZone(TimeZone.getTimeZone(zone));
                if (expression.getNextValidTimeAfter(new Date()) != null) {
                    return;
                }
                why = "it never fires after now";
            } catch (ParseException e) {
                why = e.getMessage() + " (Quartz cron: seconds minutes hours day-of-month month day-of-week [year], e.g. "
                        + "'0 0 */6 * * ?' for every 6 hours, '0 0 9 * * ?' for 09:00 daily)";
            }
            throw invalid("schedule.cron", why + "; empty turns the schedule off");
        }

        /** The endpoints' port (0 = off) and the address they listen on: an IP address or a name of this machine. */
        ManagementSettings management() throws ConfigException {
            int port = intBetween("management.port", 0, 65535);
            String host = raw.get("management.host");
            if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
                throw invalid("management.host", "must be an address of this machine, such as 127.0.0.1 (this machine "
                        + "only) or 0.0.0.0 (every network interface)");
            }
            try {
                java.net.InetAddress.getByName(host);
            } catch (java.net.UnknownHostException | SecurityException e) {
                throw invalid("management.host", "is not an address of this machine: use an IP address such as "
                        + "127.0.0.1 or 0.0.0.0");
            }
            return new ManagementSettings(port, host);
        }

        /** {@code media.*}: the kinds, the hosts, the downloads' pace and the size cap ({@code 500MB}, {@code 2GB}, bytes). */
        MediaSettings media() throws ConfigException {
            Set<MediaKind> kinds;
            try {
                kinds = MediaKind.parse(raw.get("media.download"));
            } catch (IllegalArgumentException e) {
                throw invalid("media.download", e.getMessage() + "; e.g. none, or images,audio,video");
            }
            MediaHosts hosts;
            try {
                hosts = MediaHosts.parse(raw.get("media.allowed-hosts"));
            } catch (IllegalArgumentException e) {
                throw invalid("media.allowed-hosts", e.getMessage() + "; e.g. " + MediaHosts.DEFAULT);
            }
            return new MediaSettings(kinds, hosts, intBetween("media.concurrency", 1, 256),
                    intBetween("media.timeout-seconds", 1, 86_400), bytes("media.max-bytes"));
        }

        /** A size: whole bytes, or a number with KB, MB or GB (powers of 1024), at least 1 KB. */
        long bytes(String key) throws ConfigException {
            Matcher m = Pattern.compile("(\\d{1,12})\\s*([KMG]B)?")
                    .matcher(raw.get(key).toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                throw invalid(key, "must be a size such as 500MB, 2GB or a whole number of bytes");
            }
            long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
                case "KB" -> 1024L;
                case "MB" -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            long value = Long.parseLong(m.group(1)) * unit;
            if (value < 1024) {
                throw invalid(key, "must be at least 1KB");
            }
            return value;
        }

        /** Kafka (off when no brokers); a pass-through key must be a Kafka client property name. */
        KafkaSettings kafka() throws ConfigException {
            String servers = raw.get("kafka.bootstrap-servers");
            for (String server : servers.isEmpty() ? new String[0] : servers.split(",")) {
                if (!server.trim().matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                    throw invalid("kafka.bootstrap-servers", "must be empty (Kafka off) or a comma-separated list of "
                            + "host:port, such as localhost:9092 or broker1:9092,broker2:9092");
                }
            }
            for (String key : List.of("kafka.input-topic", "kafka.output-topic", "kafka.failed-topic",
                    "kafka.events-topic", "kafka.dedupe-topic", "kafka.group-id")) {
                if (!raw.get(key).matches("[A-Za-z0-9._\\-]{1,249}")) {
                    throw invalid(key, "must be a Kafka name: letters, digits, '.', '_' and '-'");
                }
            }
            java.util.Map<String, String> client = new java.util.TreeMap<>();
            for (Map.Entry<String, String> e : raw.entrySet()) {
                String key = e.getKey();
                if (key.startsWith(KAFKA_PREFIX) && !DEFAULTS.containsKey(key)) {
                    String property = key.substring(KAFKA_PREFIX.length());
                    if (!property.matches("[a-z0-9]+(\\.[a-z0-9]+)+")) {
                        throw new ConfigException("unknown setting " + key + ": the kafka.* settings are "
                                + DEFAULTS.keySet().stream().filter(k -> k.startsWith(KAFKA_PREFIX)).toList()
                                + ", and Kafka client properties such as kafka.security.protocol or "
                                + "kafka.sasl.jaas.config (README \"Kafka\")");
                    }
                    if (OWN_CLIENT_PROPERTIES.containsKey(property)) {
                        throw new ConfigException("invalid setting " + key + ": the app sets this itself; use "
                                + OWN_CLIENT_PROPERTIES.get(property) + hint(OWN_CLIENT_PROPERTIES.get(property)));
                    }
                    client.put(property, e.getValue());
                }
            }
            String instance = raw.get("kafka.instance-id");
            if (instance.isEmpty() && !servers.isEmpty()) {
                instance = defaultInstanceId();
            }
            return new KafkaSettings(servers.replace(" ", ""), raw.get("kafka.input-topic"), raw.get("kafka.group-id"),
                    raw.get("kafka.output-topic"), raw.get("kafka.failed-topic"), raw.get("kafka.events-topic"),
                    raw.get("kafka.dedupe-topic"), intBetween("kafka.batch-size", 1, 10_000), instance, client);
        }

        private static String defaultInstanceId() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "host";
            }
            return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        }

        /** Empty (off) or an http(s) URL; unlike the API base URL it may carry a query. */
        String webhookUrl(String key) throws ConfigException {
            String text = raw.get(key);
            if (text.isEmpty()) {
                return text;
            }
            try {
                Destinations.webhookUrl(text);
                return text;
            } catch (IllegalArgumentException e) {
                throw invalid(key, "must be empty (off) or an http:// or https:// URL such as https://example.com/hooks/xnr");
            }
        }

        /** A comma-separated list of event names, normalised. */
        String events(String key) throws ConfigException {
            try {
                return String.join(",", EventType.parseList(raw.get(key)).stream().map(EventType::wireName).toList());
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        String addresses(String key, boolean exactlyOne) throws ConfigException {
            String text = raw.get(key);
            try {
                int count = Destinations.mailAddresses(text).size();
                if (exactlyOne && count != 1) {
                    throw invalid(key, "must be one mail address");
                }
                return text;
            } catch (IllegalArgumentException e) {
                throw invalid(key, "must be a comma-separated list of mail addresses such as team@example.com");
            }
        }

        String oneOf(String key, String... allowed) throws ConfigException {
            String text = raw.get(key).toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(text)) {
                    return text;
                }
            }
            throw invalid(key, "must be one of " + String.join(", ", allowed));
        }

        URI httpUrl(String key) throws ConfigException {
            String text = raw.get(key);
            try {
                URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw invalid(key, "must be an http:// or https:// URL such as https://api.justoneapi.com");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw invalid(key, "must not contain a query or fragment");
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw invalid(key, "is not a URL: " + e.getReason());
            }
        }

        Path folder(String key, Path workDir) throws ConfigException {
            String text = raw.get(key);
            if (text.isEmpty()) {
                throw invalid(key, "must name a folder");
            }
            Path path;
            try {
                path = workDir.resolve(text).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw invalid(key, "is not a valid path: " + e.getReason());
            }
            try {
                Files.createDirectories(path);
            } catch (IOException | SecurityException e) {
                throw invalid(key, "the folder " + path + " does not exist and cannot be created ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (!Files.isWritable(path)) {
                throw invalid(key, "the folder " + path + " is not writable");
            }
            return path;
        }
    }
}
