package jdlab.magics.inspect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdlab.api.CellHandler;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;

/**
 * Answers a cell that is one name followed by {@code ?} or {@code ??} ({@code Math.max?}) with its
 * documentation, as IPython does; {@code ??} shows the same, since JShell gives no library source.
 */
public final class QuestionMarkHandler implements CellHandler {

    // A dotted name, optionally with a method's empty call parentheses, then ? or ??.
    private static final Pattern QUESTION = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*\\?{1,2}\\s*$");

    @Override
    public boolean accepts(String cell) {
        return QUESTION.matcher(cell).matches();
    }

    @Override
    public Object run(String cell, KernelContext context) {
        Matcher m = QUESTION.matcher(cell);
        if (!m.matches()) {
            throw new IllegalStateException("not a question: " + cell);
        }
        List<String> docs = context.documentation(m.group(1));
        if (docs.isEmpty()) {
            throw new UsageException("no documentation found for " + m.group(1));
        }
        return String.join("\n\n", docs);
    }
}
