package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpMagicTest {

    private final HelpMagic help = new HelpMagic();

    @Test
    void theListingNamesEachMagicOnceWithAllItsNamesAndLinesUpTheDescriptions() {
        String listing = (String) help.run(help.args().parse(""), null, null);
        List<String> lines = listing.lines().toList();
        assertTrue(lines.contains("%devices, %gpu   Show the deep-learning engine, its CPU threads and the GPUs it can use,"
                + " or why it sees none."), listing);
        int mime = lines.indexOf("%%html, %%markdown, %%latex, %%javascript");
        assertTrue(lines.get(mime + 1).startsWith(" ".repeat(17) + "Show the cell as the MIME type"), listing);
        assertTrue(lines.stream().filter(l -> !l.startsWith(" ")).allMatch(l -> l.startsWith("%")), listing);
    }

    @Test
    void oneMagicIsExplainedByAnyOfItsNamesWithOrWithoutPercentSigns() {
        assertTrue(((String) help.run(help.args().parse("gpu"), null, null)).startsWith("Usage: %gpu"));
        assertTrue(((String) help.run(help.args().parse("%%time"), null, null)).startsWith("Usage: %%time"));
        assertTrue(((String) help.run(help.args().parse("time"), null, null)).startsWith("Usage: %time "));
        assertEquals("%%html, %%markdown, %%latex, %%javascript\n" + " ".repeat(17) + "Show.",
                HelpMagic.entry("%%html, %%markdown, %%latex, %%javascript", "Show."));
    }
}
