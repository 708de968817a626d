package jdlab.magics.display;

import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** A cell magic whose body is shown as one MIME type, with the text itself as the plain-text twin. */
abstract class MimeCellMagic implements Magic {

    private final ArgSpec args;
    private final String mimeType;

    MimeCellMagic(String name, String mimeType, String what) {
        this.args = ArgSpec.cell(name, "Show the cell as " + what + ".").build();
        this.mimeType = mimeType;
    }

    @Override
    public ArgSpec args() {
        return args;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        return new MimeBundle().put(mimeType, body).put("text/plain", body);
    }
}
