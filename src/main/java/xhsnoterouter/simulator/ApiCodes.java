package xhsnoterouter.simulator;

/** The HTTP status and message the real endpoint pairs with each business code (SPEC §1). */
final class ApiCodes {

    private ApiCodes() {
    }

    static int httpStatus(int code) {
        return switch (code) {
            case 100 -> 401;
            case 400 -> 400;
            case 404 -> 404;
            case 600 -> 403;
            case 302, 303 -> 429;
            case 500 -> 500;
            case 503 -> 503;
            default -> 200;
        };
    }

    static String message(int code) {
        return switch (code) {
            case 0 -> "success";
            case 100 -> "Invalid or inactive token";
            case 201 -> "No content: the note does not exist or is not visible";
            case 301 -> "Collection failed, please retry";
            case 302 -> "Rate limit exceeded";
            case 303 -> "Daily quota exceeded";
            case 400 -> "Invalid parameters";
            case 404 -> "Not found";
            case 500 -> "Internal server error";
            case 503 -> "Service unavailable";
            case 600 -> "Permission denied";
            case 601 -> "Insufficient balance";
            case 602 -> "Token spending cap reached";
            default -> "Error " + code + " (simulated)";
        };
    }
}
