package xhsnoterouter.ingest;

/** The file cannot be read at all (cannot be opened, or is not text); the message is meant for the user. */
public class UnreadableInputException extends Exception {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
