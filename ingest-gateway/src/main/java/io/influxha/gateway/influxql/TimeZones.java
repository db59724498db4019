package io.influxha.gateway.influxql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.zone.ZoneRulesProvider;
import java.util.Arrays;

/** The time zones {@code tz('...')} may name. */
final class TimeZones {
    private static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");

    private TimeZones() {}

    /**
     * Go's time.LoadLocation: "", UTC and Local, else a zone file of the system's IANA database
     * (influxd reads /usr/share/zoneinfo; the gateway's own is the best stand-in for its backends'),
     * or, on a machine without one, a zone Java knows.
     */
    static boolean exists(String name) {
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return true;
        }
        if (name.contains("..") || name.startsWith("/") || name.startsWith("\\")) {
            return false;
        }
        if (!Files.isDirectory(ZONEINFO)) {
            return ZoneRulesProvider.getAvailableZoneIds().contains(name);
        }
        try (InputStream in = Files.newInputStream(ZONEINFO.resolve(name))) {
            return Arrays.equals(in.readNBytes(4), "TZif".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }
}
