package xhsnoterouter.delivery;

/** A delivery attempt that did not go through; the message is short and safe to log (no secret, no URL query). */
public final class DeliveryFailure extends RuntimeException {

    public DeliveryFailure(String message) {
        super(message, null, false, false);
    }
}
