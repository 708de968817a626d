package jdlab.display.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdlab.api.Display;
import jdlab.api.MimeBundle;
import jdlab.api.Stacked;
import jdlab.display.Renderer;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Draws the parts of a {@link Stacked} one above the other: the HTML of each part in a block of its
 * own (a part with text only shows it preformatted), and their texts line after line.
 */
public final class StackedRenderer implements Renderer<Stacked> {

    @Override
    public String type() {
        return Stacked.class.getName();
    }

    @Override
    public void render(Stacked stacked, MimeBundle bundle) {
        boolean html = bundle.wants("text/html");
        StringBuilder blocks = new StringBuilder("<div class=\"jdlab-stacked\">");
        List<String> texts = new ArrayList<>();
        for (Object part : stacked.parts()) {
            // In full for HTML (asking for text/html alone would take a text part as HTML); text only
            // for a text-only render, which must not draw every chart's HTML.
            Map<String, Object> drawn = html ? Display.render(part).data() : Display.render(part, "text/plain").data();
            String text = String.valueOf(drawn.getOrDefault("text/plain", ""));
            texts.add(text);
            if (html) {
                Object partHtml = drawn.get("text/html");
                blocks.append("<div>").append(partHtml != null ? partHtml
                        : "<pre>" + StringEscapeUtils.escapeHtml4(text) + "</pre>").append("</div>");
            }
        }
        if (html) {
            bundle.put("text/html", blocks.append("</div>").toString());
        }
        bundle.put("text/plain", String.join("\n", texts));
    }
}
