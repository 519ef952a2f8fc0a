package dev.pprof4j.bench.depth;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Spring WebFlux on Reactor Netty: POST /upload copies the body into a 64 KB array it keeps. */
@SpringBootApplication
public class FluxShop {
    public static void main(String[] args) {
        SpringApplication.run(FluxShop.class, args);
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
    }
}
