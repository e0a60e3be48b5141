package xhsnoterouter.config;

/** A setting or argument the app cannot start with; the message is the one line the user sees. */
public class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
