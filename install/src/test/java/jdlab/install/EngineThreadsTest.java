package jdlab.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void withNothingSetTheIntraOpThreadsAreHalfTheUsableProcessorsAndInterOpIsOne() {
        Properties properties = new Properties();
        EngineThreads.setDefaults(properties, Map.of(), 6);
        assertEquals("3", properties.getProperty(EngineThreads.INTRA));
        assertEquals("1", properties.getProperty(EngineThreads.INTER));
    }

    @Test
    void onTwoProcessorsOrOneTheDefaultIsOneThreadThatABusyCoreCannotStall() {
        for (int processors : new int[] {1, 2}) {
            Properties properties = new Properties();
            EngineThreads.setDefaults(properties, Map.of(), processors);
            assertEquals("1", properties.getProperty(EngineThreads.INTRA));
        }
    }

    @Test
    void ompNumThreadsWins() {
        Properties properties = new Properties();
        EngineThreads.setDefaults(properties, Map.of("OMP_NUM_THREADS", "1"), 6);
        assertEquals("1", properties.getProperty(EngineThreads.INTRA));
    }

    @Test
    void aSystemPropertyWinsOverBoth() {
        Properties properties = new Properties();
        properties.setProperty(EngineThreads.INTRA, "3");
        properties.setProperty(EngineThreads.INTER, "2");
        EngineThreads.setDefaults(properties, Map.of("OMP_NUM_THREADS", "1"), 6);
        assertEquals("3", properties.getProperty(EngineThreads.INTRA));
        assertEquals("2", properties.getProperty(EngineThreads.INTER));
    }

    @Test
    void aMalformedOmpValueIsIgnored() {
        Properties properties = new Properties();
        EngineThreads.setDefaults(properties, Map.of("OMP_NUM_THREADS", "lots"), 4);
        assertEquals("2", properties.getProperty(EngineThreads.INTRA));
    }
}
