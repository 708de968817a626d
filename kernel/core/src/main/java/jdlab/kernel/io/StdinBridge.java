package jdlab.kernel.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} for cells: each line is asked of the Jupyter client with {@code input_request}.
 *
 * <p>So {@code new Scanner(System.in)} and {@code System.in.read()} work as in a terminal. When the
 * client does not take input (nbconvert, for example), reading fails at once with a clear message
 * rather than blocking forever.
 */
public final class StdinBridge extends InputStream {

    /** Asks the client for one line; returns it without its newline. */
    public interface LineSource {
        String readLine(String prompt);
    }

    private volatile LineSource source;
    private byte[] buffer = new byte[0];
    private int position;
    private LineSource bufferSource; // whose line the buffer holds

    /**
     * Sets where the running cell's input comes from; {@code null} when its client allows none.
     * What an earlier source gave and was left unread is dropped, never served to a later cell.
     */
    public void attach(LineSource lineSource) {
        this.source = lineSource;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return bufferSource == source ? buffer.length - position : 0;
    }

    private boolean fill() {
        LineSource lineSource = source;
        // The rest of a line one cell was given belongs to that cell; the next must ask for its own.
        if (bufferSource != lineSource) {
            buffer = new byte[0];
            position = 0;
            bufferSource = lineSource;
        }
        if (position < buffer.length) {
            return true;
        }
        if (lineSource == null) {
            throw new UnsupportedOperationException(
                    "this client does not accept input (allow_stdin is false): System.in cannot be read here;"
                            + " run the cell from a notebook or console that allows input");
        }
        String line = lineSource.readLine("");
        if (line == null) {
            return false;
        }
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
