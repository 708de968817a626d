package jdlab.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Encoded images (PNG, JPEG, GIF, SVG) as MIME bundles, their type told by their content, not their name. */
final class Images {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final int SNIFFED_TEXT = 4096;

    private Images() {
    }

    /** The image in a file, which must be PNG, JPEG, GIF or SVG. */
    static MimeBundle bundle(Path file) {
        try {
            return bundle(Files.readAllBytes(file), "file " + file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("image(...): no file " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("image(...) could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The image these bytes encode, which must be PNG, JPEG, GIF or SVG; {@code source} names them in errors. */
    static MimeBundle bundle(byte[] bytes, String source) {
        String type = mimeType(bytes);
        if (type == null) {
            throw new IllegalArgumentException("image(...) takes PNG, JPEG, GIF or SVG, none of them found in " + source
                    + " (" + (bytes.length == 0 ? "empty" : String.format(Locale.ROOT, "%,d bytes, starting ", bytes.length)
                            + HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(bytes, Math.min(8, bytes.length)))) + ")");
        }
        MimeBundle bundle = new MimeBundle();
        if (type.equals("image/svg+xml")) {
            return bundle.put(type, new String(bytes, StandardCharsets.UTF_8)).put("text/plain", "SVG image");
        }
        bundle.put(type, Base64.getEncoder().encodeToString(bytes));
        String name = type.substring("image/".length()).toUpperCase(Locale.ROOT) + " image";
        int[] size = size(bytes);
        if (size == null) {
            return bundle.put("text/plain", name);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("width", size[0]);
        metadata.put("height", size[1]);
        return bundle.putMetadata(type, metadata).put("text/plain", name + ", " + size[0] + " × " + size[1]);
    }

    /** The MIME type told by the first bytes, or {@code null} for none of ours. */
    static String mimeType(byte[] bytes) {
        if (startsWith(bytes, PNG)) {
            return "image/png";
        }
        if (startsWith(bytes, JPEG)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) {
            return "image/gif";
        }
        return isSvg(bytes) ? "image/svg+xml" : null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    // SVG has no magic number: XML text whose first element, past any declaration, comments and doctype, is <svg.
    private static boolean isSvg(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFFED_TEXT), StandardCharsets.UTF_8);
        head = head.replaceFirst("^\uFEFF", "").replaceAll("(?s)<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "").strip();
        return head.startsWith("<svg") && head.length() > 4
                && (Character.isWhitespace(head.charAt(4)) || head.charAt(4) == '>');
    }

    // Width and height from the header alone: the pixels are not decoded.
    private static int[] size(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return null; // a truncated image still shows as far as the browser can read it
        }
    }
}
