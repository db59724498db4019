package io.influxha.launcher;

import io.influxha.core.StartupException;
import io.influxha.launcher.bench.BenchMain;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bin/influx-ha COMMAND [options]}: the one command line, parsed once, to the role or tool
 * named by COMMAND. Exit codes: 2 for a usage or configuration error (the message names it), else
 * what the command returns.
 */
@Command(name = "influx-ha", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Main.ManifestVersion.class,
        description = "High availability for InfluxDB 1.x: every write through Kafka to every replica.",
        subcommands = {AllMain.class, BrokerMain.class, Roles.Gateway.class, Roles.Router.class, Roles.Writer.class,
                CheckConfigMain.class, HealthMain.class, StatusMain.class, DlqMain.class, TransactionsMain.class, DemoMain.class, BenchMain.class,
                HelpCommand.class})
public final class Main implements Callable<Integer> {
    static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses {@code args} and runs the command they name; returns the exit code. */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command line, for {@link #run} and for tests that capture its output. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                // An argument such as --reason @x means that text, never "the arguments in file x".
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::startupError);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    /** Names the problem (an unknown command by name), then the usage of the command it is about, to stderr. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        cmd.usage(err, cmd.getColorScheme());
        return USAGE_ERROR;
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !e.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command \"" + unmatched.getUnmatched().get(0) + "\"";
        }
        return e.getMessage();
    }

    /** A {@link StartupException} (bad file, no Kafka, address taken) is exit 2 with its message; anything else is a bug. */
    private static int startupError(Exception e, CommandLine cmd, ParseResult parsed) throws Exception {
        if (e instanceof StartupException) {
            cmd.getErr().println("influx-ha: " + e.getMessage());
            return USAGE_ERROR;
        }
        throw e;
    }

    /** The Implementation-Version of the packaged jar's manifest. */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {version == null ? "influx-ha (version unknown: not run from the packaged jar)" : "influx-ha " + version};
        }
    }
}
