package jdlab.magics.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import jdlab.api.MimeBundle;
import org.junit.jupiter.api.Test;

class LsMagicTest {

    private static final List<String> NAMES = List.of("%capture", "%classpath", "%devices", "%env", "%evaluate",
            "%gpu", "%help", "%imports", "%jars", "%load", "%lsmagic", "%maven", "%mavenRepo", "%reset", "%run");

    @Test
    void columnsKeepEveryLineWithinTheWidthAndEveryNameWhole() {
        String text = LsMagic.columns(NAMES, 40);
        assertTrue(text.lines().allMatch(line -> line.length() <= 40), text);
        assertEquals(NAMES, text.lines().flatMap(line -> Arrays.stream(line.trim().split("\\s+"))).toList());
        assertTrue(text.lines().count() > 1, text);
    }

    @Test
    void theListingInTextAndHtmlNamesEveryMagicWithoutBreakingOne() {
        MimeBundle bundle = (MimeBundle) new LsMagic().run(new LsMagic().args().parse(""), null, null);
        String text = (String) bundle.data().get("text/plain");
        String html = (String) bundle.data().get("text/html");
        assertTrue(text.lines().allMatch(line -> line.length() <= LsMagic.WIDTH), text);
        for (String name : List.of("%maven", "%mavenRepo", "%gpu", "%%time", "%%bash", "%%html")) {
            assertTrue(text.lines().anyMatch(line -> Arrays.asList(line.trim().split("\\s+")).contains(name)), name);
            assertTrue(html.contains("<code style=\"white-space: nowrap\">" + name + "</code>"), name);
        }
    }
}
