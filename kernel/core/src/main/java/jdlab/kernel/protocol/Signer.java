package jdlab.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/** Signs outgoing messages and checks incoming ones, comparing in constant time. */
public final class Signer {

    private static final byte[] NOTHING = new byte[0];

    private final HMACGenerator hmac;
    private final boolean enabled;

    /** Wraps the generator made from the connection file; an empty key means no signing. */
    public Signer(HMACGenerator hmac) {
        this.hmac = hmac;
        this.enabled = !sign(NOTHING, NOTHING, NOTHING, NOTHING).isEmpty();
    }

    /** Whether messages are signed at all (the connection file has a key). */
    public boolean enabled() {
        return enabled;
    }

    /** The hex signature of the four signed frames: header, parent header, metadata, content. */
    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        String signature = hmac.calculateSignature(header, parent, metadata, content);
        return signature == null ? "" : signature;
    }

    /**
     * Whether the signature matches; {@link MessageDigest#isEqual} takes the same time for any
     * mismatch. With an empty key authentication is off, and any signature passes, as in ipykernel.
     */
    public boolean verify(byte[] signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (!enabled) {
            return true;
        }
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }
}
