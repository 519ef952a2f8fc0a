import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/** A loopback stand-in receiver for the benchmark: reads each POST and answers 200, nothing kept. */
public final class Sink {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
