package jdlab.api;

/**
 * The last state of an output redrawn in place, for clients that show only new outputs: a text
 * client ({@code jupyter console}) prints each {@code display_data} and ignores every
 * {@code update_display_data}, so a live output would stay at its first frame there ({@code 0/96}).
 *
 * <p>The final state is shown once more as a new output whose plain text is that state and whose
 * HTML is an empty hidden element: a text client prints the text, a notebook shows nothing more
 * than the live output it already holds.
 */
public final class TextClients {

    /** The HTML of the final state: nothing to see where the live output shows it already. */
    public static final String HIDDEN_HTML = "<div class=\"jdlab-text-clients\" hidden></div>";

    private TextClients() {
    }

    /** The bundle that shows {@code text} to text clients and nothing in a notebook. */
    public static MimeBundle finalState(String text) {
        return new MimeBundle().put("text/plain", text).put("text/html", HIDDEN_HTML);
    }
}
