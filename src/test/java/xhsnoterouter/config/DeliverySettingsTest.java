package xhsnoterouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delivery.* and mail.smtp.* settings of SPEC §8: defaults, environment names, and one clear line per mistake. */
class DeliverySettingsTest {

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private DeliverySettings load() throws ConfigException {
        return Settings.load(dir, env, system).delivery();
    }

    @Test
    void defaultsLeaveBothSinksOff() throws Exception {
        DeliverySettings d = load();

        assertThat(d.webhookUrl()).isEmpty();
        assertThat(d.webhookEvents()).isEqualTo("note.fetched,note.failed,batch.completed,api.paused,api.resumed");
        assertThat(d.webhookTimeoutSeconds()).isEqualTo(10);
        assertThat(d.webhookMaxAttempts()).isEqualTo(5);
        assertThat(d.mailTo()).isEmpty();
        assertThat(d.mailEvents()).isEqualTo("batch.completed,api.paused,api.resumed");
        assertThat(d.smtp().host()).isEqualTo("localhost");
        assertThat(d.smtp().port()).isEqualTo(25);
        assertThat(d.smtp().security()).isEqualTo("none");
        assertThat(d.resendIntervalSeconds()).isEqualTo(60);
    }

    @Test
    void environmentVariablesSetEveryKey() throws Exception {
        env.put("DELIVERY_WEBHOOK_URL", "https://hooks.example.com/xnr?team=growth");
        env.put("DELIVERY_WEBHOOK_SECRET", "s3cret");
        env.put("DELIVERY_WEBHOOK_EVENTS", "Note.Fetched, batch.completed");
        env.put("DELIVERY_MAIL_TO", "a@example.com, B <b@example.org>");
        env.put("MAIL_SMTP_SECURITY", "STARTTLS");
        env.put("MAIL_SMTP_PORT", "587");
        env.put("MAIL_SMTP_USERNAME", "robot");
        env.put("MAIL_SMTP_PASSWORD", "pw");

        DeliverySettings d = load();

        assertThat(d.webhookUrl()).isEqualTo("https://hooks.example.com/xnr?team=growth");
        assertThat(d.webhookSecret()).isEqualTo("s3cret");
        assertThat(d.webhookEvents()).isEqualTo("note.fetched,batch.completed");
        assertThat(d.mailTo()).isEqualTo("a@example.com, B <b@example.org>");
        assertThat(d.smtp().security()).isEqualTo("starttls");
        assertThat(d.smtp().port()).isEqualTo(587);
        assertThat(d.smtp().authenticated()).isTrue();
        assertThat(d.smtp().toString()).doesNotContain("pw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "delivery.webhook.url|ftp://example.com/x?key=abc|must be empty (off) or an http:// or https:// URL",
            "delivery.webhook.events|note.fetched,note.deleted|unknown event 'note.deleted'",
            "delivery.webhook.timeout-seconds|0|whole number from 1 to 3600",
            "delivery.webhook.max-attempts|many|whole number from 1 to 100",
            "delivery.mail.to|team at example.com|comma-separated list of mail addresses",
            "delivery.mail.from|a@example.com,b@example.com|must be one mail address",
            "delivery.mail.events|batch.done|unknown event 'batch.done'",
            "mail.smtp.port|70000|whole number from 1 to 65535",
            "mail.smtp.security|tls|must be one of none, starttls, ssl",
            "delivery.resend-interval-seconds|-1|whole number from 1 to 86400"})
    void aBadValueNamesItsKeyAndHowToFixIt(String key, String value, String why) {
        system.setProperty(key, value);

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid " + key + " '")
                .hasMessageContaining(why)
                .hasMessageContaining(Settings.environmentName(key))
                .hasMessageNotContaining("key=abc");
    }
}
