package jdlab.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** Signers made the way the kernel makes them, from a connection file's scheme and key. */
final class TestSigners {

    static final String SCHEME = "hmac-sha256";

    private TestSigners() { }

    /** The signer the kernel would build for a connection file with this key ("" turns signing off). */
    static Signer forKey(String key) {
        return new Signer(generatorFor(connection(key, 0, 0, 0, 0, 0)));
    }

    static KernelConnectionProperties connection(String key, int control, int shell, int stdin, int hb, int iopub) {
        return new KernelConnectionProperties("127.0.0.1", control, shell, stdin, hb, iopub, "tcp", SCHEME, key);
    }

    static org.dflib.jjava.jupyter.messages.HMACGenerator generatorFor(KernelConnectionProperties connection) {
        try {
            return connection.createHMACGenerator();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** HMAC-SHA256 in lowercase hex, computed without the code under test, as Jupyter clients do. */
    static String expectedSignature(String key, byte[]... frames) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            for (byte[] frame : frames) {
                mac.update(frame);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
