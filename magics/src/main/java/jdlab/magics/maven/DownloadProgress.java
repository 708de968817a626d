package jdlab.magics.maven;

import java.util.Locale;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;

/**
 * Counts the files the resolver downloads, from its transfer threads; the cell's thread reads
 * {@link #text()} to update one display, at its own pace.
 */
final class DownloadProgress extends AbstractTransferListener {

    private final long startNanos = System.nanoTime();
    private int started;
    private int finished;
    private long bytes;
    private String current;

    @Override
    public synchronized void transferStarted(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            started++;
            String name = event.getResource().getResourceName();
            current = name.substring(name.lastIndexOf('/') + 1);
        }
    }

    @Override
    public synchronized void transferProgressed(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            bytes += event.getDataLength();
        }
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            finished++;
        }
    }

    /** How many downloads started. */
    synchronized int files() {
        return started;
    }

    /** The line to show while downloading, or null before the first download. */
    synchronized String text() {
        return started == 0 ? null : String.format(Locale.ROOT, "Downloading: %d of %d files done, %s: %s",
                finished, started, size(bytes), current);
    }

    /** The line to leave once done. */
    synchronized String summary() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "Downloaded %d file%s, %s, in %.1f s", finished, finished == 1 ? "" : "s",
                size(bytes), seconds);
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
