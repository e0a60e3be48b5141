package xhsnoterouter.ingest;

/** The file's type is not one the app reads; the message is meant for the user. */
public class UnsupportedInputException extends Exception {

    public UnsupportedInputException(String message) {
        super(message);
    }
}
