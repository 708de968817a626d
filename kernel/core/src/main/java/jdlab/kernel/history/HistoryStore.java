package jdlab.kernel.history;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cell inputs as JSON lines in the user's data directory, one session per kernel start.
 *
 * <p>Appending one line per cell keeps a crash from losing more than the cell that was running;
 * the file is read once at start, then served from memory.
 */
public final class HistoryStore {

    /** One executed cell: the session (kernel start) and its execution count. */
    public record Entry(int session, int line, String input) { }

    private static final System.Logger LOG = System.getLogger(HistoryStore.class.getName());

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final int session;
    private boolean needsNewline; // the file ends in a line a crash cut short

    /**
     * Opens the history file, creating its folder, and claims a session one past the last.
     *
     * <p>Kernels started side by side (two notebooks) read the same last session, so reading it and
     * writing the claim happen under one file lock; the claim is a line without a cell.
     */
    public HistoryStore(Path file) {
        this.file = file;
        int last = 0;
        boolean endsCleanly = true;
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
                while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                    // Reads the whole file.
                }
                // Decoded leniently: a line cut inside a character by a crash must not cost the rest.
                String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
                endsCleanly = text.isEmpty() || text.endsWith("\n");
                for (String line : text.split("\n")) {
                    JsonObject json = parse(line);
                    if (json != null) {
                        last = Math.max(last, sessionOf(json));
                        entryOf(json).ifPresent(entries::add);
                    }
                }
                JsonObject claim = new JsonObject();
                claim.addProperty("session", last + 1);
                channel.write(ByteBuffer.wrap(((endsCleanly ? "" : "\n") + claim + "\n").getBytes(StandardCharsets.UTF_8)),
                        channel.size());
                endsCleanly = true;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not open history in " + file, e);
        }
        session = last + 1;
        needsNewline = !endsCleanly;
    }

    /** Where history lives: {@code $JDLAB_HISTORY}, else {@code $XDG_DATA_HOME/jdlab}, else {@code ~/.local/share/jdlab}. */
    public static Path defaultFile() {
        String explicit = System.getenv("JDLAB_HISTORY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jdlab").resolve("history.jsonl");
    }

    /** This kernel's session number. */
    public int session() {
        return session;
    }

    /** Records a cell of this session. */
    public synchronized void add(int line, String input) {
        Entry entry = new Entry(session, line, input);
        entries.add(entry);
        JsonObject json = new JsonObject();
        json.addProperty("session", session);
        json.addProperty("line", line);
        json.addProperty("input", input);
        try { // the folder was made when the store opened; no per-cell check
            // getBytes replaces a lone surrogate rather than failing, so no cell is lost from history.
            Files.write(file, ((needsNewline ? "\n" : "") + json + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            needsNewline = false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not write history to " + file, e);
        }
    }

    /** The last {@code n} cells, oldest first. */
    public synchronized List<Entry> tail(int n) {
        int count = Math.max(0, Math.min(n, entries.size()));
        return List.copyOf(entries.subList(entries.size() - count, entries.size()));
    }

    /**
     * Cells {@code start <= line < stop} of a session; 0 or a negative session counts back from
     * this one, as in IPython, and {@code stop <= 0} means to the end.
     */
    public synchronized List<Entry> range(int sessionNumber, int start, int stop) {
        int wanted = sessionNumber <= 0 ? session + sessionNumber : sessionNumber;
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                found.add(e);
            }
        }
        return found;
    }

    /**
     * The last {@code n} cells whose input matches a glob ({@code *} and {@code ?}), oldest first;
     * with {@code unique}, each input once.
     */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        Map<String, Entry> byInput = new LinkedHashMap<>();
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (pattern.matcher(e.input()).matches()) {
                if (unique) {
                    byInput.remove(e.input());
                    byInput.put(e.input(), e);
                } else {
                    found.add(e);
                }
            }
        }
        List<Entry> all = unique ? new ArrayList<>(byInput.values()) : found;
        return n > 0 ? List.copyOf(all.subList(Math.max(0, all.size() - n), all.size())) : all;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    // A line cut short by a crash, or edited by hand, is skipped; the rest of the file is still good.
    private static JsonObject parse(String line) {
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // Cells and session claims (lines without a cell) both count.
    private static int sessionOf(JsonObject json) {
        try {
            return json.get("session").getAsInt();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Optional<Entry> entryOf(JsonObject json) {
        try {
            return Optional.of(new Entry(json.get("session").getAsInt(), json.get("line").getAsInt(),
                    json.get("input").getAsString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
