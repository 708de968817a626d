package jdlab.magics.display;

/** {@code %%markdown}: the cell shown as Markdown. */
public final class MarkdownMagic extends MimeCellMagic {

    public MarkdownMagic() {
        super("markdown", "text/markdown", "Markdown");
    }
}
