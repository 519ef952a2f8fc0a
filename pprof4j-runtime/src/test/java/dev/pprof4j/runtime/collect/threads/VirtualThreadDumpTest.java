package dev.pprof4j.runtime.collect.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualThreadDumpTest {
    /** The layout of JDK 25's {@code dumpThreads(JSON)}: one value per line. */
    @Test
    void keepsOnlyThreadsThatAreNotPlatformThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, String.join("\n",
                "{", "  \"threadDump\": {", "    \"threadContainers\": [", "      {",
                "        \"container\": \"<root>\",", "        \"threads\": [", "          {",
                "            \"tid\": \"1\",", "            \"name\": \"main\",", "            \"state\": \"TIMED_WAITING\",",
                "            \"stack\": [", "              \"java.base\\/java.lang.Thread.sleep0(Native Method)\"",
                "            ]", "          },", "          {", "            \"tid\": \"77\",", "            \"virtual\": true,",
                "            \"name\": \"\",", "            \"state\": \"WAITING\",", "            \"stack\": [",
                "              \"java.base\\/java.lang.VirtualThread.park(VirtualThread.java:661)\",",
                "              \"app\\/\\/a.Work.waitHere(Work.java:9)\"", "            ],", "            \"monitorsOwned\": [",
                "              {", "                \"depth\": 1,", "                \"locks\": [", "                  \"java.lang.Object@1\"",
                "                ]", "              }", "            ]", "          }", "        ]", "      }", "    ]", "  }", "}"));
        List<ThreadSample> threads = VirtualThreadDump.parse(file, Set.of(1L));
        assertEquals(1, threads.size());
        ThreadSample thread = threads.get(0);
        assertEquals(77, thread.id());
        assertEquals(Thread.State.WAITING, thread.state());
        assertEquals(2, thread.stack().length);
        assertEquals(new StackTraceElement("a.Work", "waitHere", "Work.java", 9), thread.stack()[1]);
    }
}
