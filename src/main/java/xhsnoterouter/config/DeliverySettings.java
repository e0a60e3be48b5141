package xhsnoterouter.config;

import xhsnoterouter.delivery.SmtpSettings;

/** SPEC §8: where events go. Empty {@code webhookUrl} or {@code mailTo} turns that sink off. */
public record DeliverySettings(
        String webhookUrl,
        String webhookSecret,
        String webhookEvents,
        int webhookTimeoutSeconds,
        int webhookMaxAttempts,
        String mailTo,
        String mailFrom,
        String mailEvents,
        SmtpSettings smtp,
        int resendIntervalSeconds) {
}
