package jdlab.magics.display;

/** {@code %%latex}: the cell shown as LaTeX. */
public final class LatexMagic extends MimeCellMagic {

    public LatexMagic() {
        super("latex", "text/latex", "LaTeX");
    }
}
