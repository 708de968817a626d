package jdlab.magics.shell;

/** {@code %%sh}: the cell run by sh. */
public final class ShMagic extends ScriptMagic {

    public ShMagic() {
        super("sh", "sh");
    }
}
