package jdlab.magics.display;

/** {@code %%javascript}: the cell shown as JavaScript. */
public final class JavascriptMagic extends MimeCellMagic {

    public JavascriptMagic() {
        super("javascript", "application/javascript", "JavaScript");
    }
}
