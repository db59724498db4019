package io.influxha.launcher;

import io.influxha.core.config.ConfigReport;
import io.influxha.core.config.InfluxHaConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code check-config -c FILE}: every problem with its path and exit 2, or a summary and exit 0. */
@Command(name = "check-config", description = {"Validate FILE: every problem, or a summary.",
        "Exit 2 with every problem and its path, or 0 with a summary of what FILE configures."})
final class CheckConfigMain implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InfluxHaConfig loaded = config.load();
        PrintWriter out = spec.commandLine().getOut();
        out.println("configuration is valid");
        ConfigReport.lines(loaded).forEach(out::println);
        return 0;
    }
}
