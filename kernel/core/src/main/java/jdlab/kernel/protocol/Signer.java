package jdlab.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/** Signs outgoing messages and checks incoming ones, comparing in constant time. */
public final class Signer {

    private final HMACGenerator hmac;

    /** Wraps the generator made from the connection file; an empty key means no signing. */
    public Signer(HMACGenerator hmac) {
        this.hmac = hmac;
    }

    /** The hex signature of the four signed frames: header, parent header, metadata, content. */
    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        String signature = hmac.calculateSignature(header, parent, metadata, content);
        return signature == null ? "" : signature;
    }

    /** Whether the signature matches; {@link MessageDigest#isEqual} takes the same time for any mismatch. */
    public boolean verify(byte[] signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }
}
