package io.influxha.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into a validated {@link InfluxHaConfig}, reporting all problems at once.
 *
 * <p>A relative {@code data_dir} is relative to the working directory of the process (as for most
 * command-line tools), not to the configuration file: {@link #load} passes the working directory
 * as the base.
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {}

    /** @throws ConfigException listing every problem with its path (also an unreadable file) */
    public static InfluxHaConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(yaml, System::getenv, Path.of("").toAbsolutePath());
    }

    /**
     * @param env looks up environment variables for the {@code ${VAR}} references of string values ({@link Interpolation})
     * @param baseDir relative {@code data_dir} values resolve against it
     */
    public static InfluxHaConfig parse(String yaml, UnaryOperator<String> env, Path baseDir) {
        return ConfigReader.read(tree(yaml), env, baseDir);
    }

    /** The one YAML document in {@code yaml}; a second document would otherwise be silently ignored. */
    private static JsonNode tree(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonNode root = YAML.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigException(List.of("line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": a second YAML document starts here: the configuration is one document (remove the \"---\" before it)"));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(syntaxError(e)));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** {@code line 3, column 5: <problem> (<context> at line 2, column 1)}: snakeyaml's marks are 0-based. */
    static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : " (" + marked.getContext()
                    + (marked.getContextMark() == null ? "" : " started at " + position(marked.getContextMark())) + ")";
            return position(at) + ": YAML syntax error: " + marked.getProblem() + context;
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field '")) {
            message = "duplicate key \"" + message.substring(17, message.length() - 1) + "\"";
        }
        return where + "YAML syntax error: " + message;
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }
}
