package jdlab.magics.display;

/** {@code %%html}: the cell shown as HTML. */
public final class HtmlMagic extends MimeCellMagic {

    public HtmlMagic() {
        super("html", "text/html", "HTML");
    }
}
