package jdlab.magics.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jdlab.api.UsageException;
import org.junit.jupiter.api.Test;

class SystemMagicTest {

    @Test
    void theCommandIsTheLineAsTypedWithItsOptionsAndQuotes() {
        assertEquals("ls -la '/tmp/a b' | wc -l", new SystemMagic().args().parse("ls -la '/tmp/a b' | wc -l").rest());
    }

    @Test
    void noCommandIsOneLineWithAnExample() {
        SystemMagic magic = new SystemMagic();
        UsageException e = assertThrows(UsageException.class, () -> magic.run(magic.args().parse(""), null, null));
        assertEquals("%system: name a command, as in %system ls data (%system --help for usage)", e.getMessage());
    }
}
