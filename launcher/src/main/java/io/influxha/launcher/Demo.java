package io.influxha.launcher;

import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.influxd.InfluxdProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job on embedded defaults: two local influxd replicas on loopback, every role of
 * influx-ha with its embedded broker, and a steady load through the gateway. {@link #close()}
 * stops all of it, newest first.
 */
final class Demo implements AutoCloseable {
    static final String DB = "demo";
    private static final String CONFIG_FILE = "influx-ha.yaml";

    private final List<AutoCloseable> started = new ArrayList<>();
    private InfluxHaConfig config;
    private Node node;
    private DemoLoad load;
    private DemoStatus status;

    static Demo start(Path dataDir, String listen) {
        requireFreeListenAddress(listen);
        Demo demo = new Demo();
        try {
            demo.startAll(dataDir, listen);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Path dataDir, String listen) {
        InfluxdProcess a = start(InfluxdProcess.start(dataDir.resolve("influxd-a"), false));
        InfluxdProcess b = start(InfluxdProcess.start(dataDir.resolve("influxd-b"), false));
        Path configFile = writeConfig(dataDir, yaml(dataDir, listen, a.url(), b.url()));
        config = Startup.config(configFile);
        node = start(Node.start(config));
        load = start(new DemoLoad(URI.create("http://" + listen), DB));
        status = start(new DemoStatus(config, node, load));
        System.out.printf("influx-ha demo: gateway http://%s  replicas a=%s b=%s  database \"%s\"  data %s%n",
                listen, a.url(), b.url(), DB, dataDir.toAbsolutePath());
        System.out.println("config: " + configFile + "   lag: bin/influx-ha status -c " + configFile);
        System.out.println("try: curl -i -XPOST 'http://" + listen + "/write?db=" + DB + "' --data-binary 'm,host=me v=1'"
                + "   then: influx -port " + a.port() + " -database " + DB + " -execute 'SELECT count(*) FROM cpu'");
        load.start();
    }

    String statusLine() {
        return status.line();
    }

    private <T extends AutoCloseable> T start(T role) {
        started.add(role);
        return role;
    }

    /** The configuration the demo runs, as a file, so that other commands ({@code status -c}) can read it. */
    private static Path writeConfig(Path dataDir, String yaml) {
        Path file = dataDir.toAbsolutePath().resolve(CONFIG_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new StartupException("cannot write the demo's configuration to " + file + ": " + e.getMessage(), e);
        }
    }

    static String yaml(Path dataDir, String listen, URI a, URI b) {
        return """
                data_dir: "%s"
                kafka:
                  topic_prefix: demo
                  partitions: 3
                gateway:
                  listen: %s
                backends:
                  - name: a
                    url: %s
                  - name: b
                    url: %s
                shards:
                  - name: main
                    replicas: [a, b]
                    measurements: ["*"]
                """.formatted(dataDir.toAbsolutePath(), listen, a, b);
    }

    /** Fails before anything starts when the gateway's address is taken, naming the option that changes it. */
    private static void requireFreeListenAddress(String listen) {
        int colon = listen.lastIndexOf(':');
        try (ServerSocket probe = new ServerSocket(Integer.parseInt(listen.substring(colon + 1)), 1,
                InetAddress.getByName(listen.substring(0, colon)))) {
            probe.setReuseAddress(true);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot listen on " + listen + " (" + e.getMessage()
                    + "): another program uses it; pass --listen HOST:PORT, e.g. --listen 127.0.0.1:8087");
        }
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("influx-ha demo: stopping " + started.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        started.clear();
    }
}
