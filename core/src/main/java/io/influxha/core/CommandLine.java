package io.influxha.core;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options every command takes: {@code -c FILE} (alias {@code --config}), plus command-specific ones such as {@code --backend NAME}. */
public record CommandLine(Map<String, String> values) {

    /** @throws StartupException naming the unknown or incomplete option */
    public static CommandLine parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].equals("-c") ? "--config" : args[i];
            if (!allowed.contains(name)) {
                throw new StartupException("unknown option \"" + args[i] + "\" (expected one of " + allowed + ")");
            }
            if (i + 1 >= args.length) {
                throw new StartupException("option " + args[i] + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new CommandLine(values);
    }

    public Path config() {
        return Path.of(require("--config", "-c FILE (the YAML configuration)"));
    }

    public String require(String name, String what) {
        String value = values.get(name);
        if (value == null) {
            throw new StartupException("missing " + what);
        }
        return value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
