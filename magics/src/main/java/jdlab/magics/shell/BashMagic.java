package jdlab.magics.shell;

/** {@code %%bash}: the cell run by bash. */
public final class BashMagic extends ScriptMagic {

    public BashMagic() {
        super("bash", "bash");
    }
}
