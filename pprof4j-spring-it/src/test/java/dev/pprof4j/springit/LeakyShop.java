package dev.pprof4j.springit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web service with two leaks a Spring team meets: a controller that keeps each
 * upload's bytes in a static list, and one that starts a scheduled executor per request and
 * never shuts it down; {@code /hello} is the busy endpoint beside them. {@code /held} says
 * how many bytes the list holds, the truth the heap profile is held to.
 */
@SpringBootApplication
public class LeakyShop {
    public static void main(String[] args) {
        SpringApplication.run(LeakyShop.class, args);
    }

    @RestController
    public static class HelloController {
        @GetMapping("/hello")
        public String hello() {
            return "hello";
        }
    }

    @RestController
    public static class UploadController {
        static final List<byte[]> RETAINED = new ArrayList<>();

        @PostMapping("/upload")
        public String upload(@RequestBody byte[] body) {
            byte[] copy = new byte[64 * 1024];
            System.arraycopy(body, 0, copy, 0, Math.min(body.length, copy.length));
            synchronized (RETAINED) {
                RETAINED.add(copy);
                return String.valueOf(RETAINED.size());
            }
        }

        @GetMapping("/held")
        public String held() {
            synchronized (RETAINED) {
                long bytes = 0;
                for (byte[] b : RETAINED) {
                    bytes += b.length;
                }
                return String.valueOf(bytes);
            }
        }
    }

    @RestController
    public static class ReminderController {
        @GetMapping("/remind")
        public String remind() {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
            return "scheduled";
        }
    }
}
