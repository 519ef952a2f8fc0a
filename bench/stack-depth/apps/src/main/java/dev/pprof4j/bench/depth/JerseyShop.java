package dev.pprof4j.bench.depth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Jakarta REST (Jersey) on embedded Grizzly: POST /upload copies the body into a 64 KB array it
 * keeps. Prints "Jersey started on port N" (a free port).
 */
public class JerseyShop {
    public static void main(String[] args) throws Exception {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://127.0.0.1:0/"), new ResourceConfig(UploadResource.class));
        System.out.println("Jersey started on port " + server.getListeners().iterator().next().getPort());
        Thread.currentThread().join();
        server.shutdownNow();
    }

    @Path("/upload")
    public static class UploadResource {
        static final List<byte[]> RETAINED = new ArrayList<>();

        @POST
        @Consumes(MediaType.APPLICATION_OCTET_STREAM)
        public String upload(byte[] body) {
            byte[] copy = new byte[64 * 1024];
            System.arraycopy(body, 0, copy, 0, Math.min(body.length, copy.length));
            synchronized (RETAINED) {
                RETAINED.add(copy);
                return String.valueOf(RETAINED.size());
            }
        }
    }
}
