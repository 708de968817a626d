package jdlab.serve;

/** A request the server refuses: an HTTP status of 4xx or 503 and a one-line reason for the client. */
final class BadRequest extends RuntimeException {

    private final int status;

    BadRequest(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
