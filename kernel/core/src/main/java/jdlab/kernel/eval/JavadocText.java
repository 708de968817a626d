package jdlab.kernel.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc comment text made readable as plain text, for inspect's {@code text/plain}. */
final class JavadocText {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^{}]*)}");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\s*<(?:p|br|li|ul|ol|pre|/pre|blockquote)\\s*/?>\\s*");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern BLOCK_TAG = Pattern.compile("\\s*\\n\\s*@(param|return|throws|exception|see|since|implNote|implSpec|apiNote)\\b");
    private static final Pattern WRAPPED_LINE = Pattern.compile("([^\\n])[ \\t]*\\n[ \\t]*(?=[^\\n])");

    private JavadocText() { }

    static String plain(String javadoc) {
        String text = javadoc.replace("\r", "");
        Matcher inline = INLINE_TAG.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (inline.find()) {
            inline.appendReplacement(sb, Matcher.quoteReplacement(shown(inline.group(1).trim())));
        }
        inline.appendTail(sb);
        text = PARAGRAPH.matcher(sb).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&amp;", "&");
        // Block tags keep their own lines; every other single line break is only wrapping.
        text = BLOCK_TAG.matcher(text).replaceAll("\u0000@$1");
        text = WRAPPED_LINE.matcher(text).replaceAll("$1 ");
        return text.replace('\u0000', '\n').replaceAll("\n{3,}", "\n\n").strip();
    }

    // {@link Type#member(args) label} reads as its label, or else as the reference, '#' as '.'.
    private static String shown(String body) {
        int space = body.indexOf(' ');
        int paren = body.indexOf('(');
        int referenceEnd = paren >= 0 && (space < 0 || paren < space) ? body.indexOf(')') + 1 : space;
        String label = referenceEnd <= 0 ? "" : body.substring(referenceEnd).trim();
        if (!label.isEmpty()) {
            return label;
        }
        String reference = body.replace('#', '.');
        return reference.startsWith(".") ? reference.substring(1) : reference;
    }
}
