package jdlab.kernel.io;

/** UTF-8 helpers for text that arrives in arbitrary byte chunks. */
final class Utf8 {

    private Utf8() { }

    /** The length of the longest prefix that does not end inside a multi-byte character. */
    static int completePrefix(byte[] bytes, int length) {
        int i = length - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return length;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > continuation ? i : length;
    }
}
