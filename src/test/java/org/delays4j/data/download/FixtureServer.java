package org.delays4j.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server on 127.0.0.1 serving byte arrays by path, with HTTP Range support that can
 * be switched off, and a switch that cuts a response in the middle (an interrupted download).
 */
final class FixtureServer implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>(); // "path range-header"
    volatile boolean rangeSupport = true;
    volatile String cutPath; // this path's next response stops half way
    private final HttpServer server;

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data";
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().replaceFirst("^/data/", "");
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + " " + range);
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (rangeSupport && m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            if (from >= body.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            if (path.equals(cutPath)) {
                cutPath = null;
                out.write(body, from, (body.length - from) / 2);
                out.flush();
                ex.getHttpContext().getServer(); // keep the exchange open, then drop the connection
                throw new IOException("cut on purpose");
            }
            out.write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
