package xhsnoterouter.api;

/**
 * What one call to the API gave back: an HTTP status with its body, or a transport failure (no response at all).
 *
 * @param httpStatus the HTTP status, 0 when no response arrived
 * @param body       the body bytes as received, null when no response arrived
 * @param failure    why no response arrived, null when one did
 * @param detail     a short, token-free description of the transport failure
 */
public record ApiResponse(int httpStatus, byte[] body, TransportFailure failure, String detail) {

    public enum TransportFailure { TIMEOUT, REFUSED, RESET, OTHER }

    public static ApiResponse of(int httpStatus, byte[] body) {
        return new ApiResponse(httpStatus, body, null, null);
    }

    public static ApiResponse failed(TransportFailure failure, String detail) {
        return new ApiResponse(0, null, failure, detail);
    }

    public boolean arrived() {
        return failure == null;
    }
}
