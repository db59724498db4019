package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;
import static io.influxha.core.config.Field.required;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code gateway.tls}; a relative keystore path resolves against the configuration file's directory. */
final class TlsSection {
    private final Field<Path> keystore;
    private final Field<Secret> password;

    TlsSection(Secrets secrets, Path baseDir) {
        keystore = required("keystore", file(baseDir));
        password = optional("keystore_password", secrets.secret(), Secret.NONE);
    }

    Parser<TlsSettings> parser() {
        return node -> {
            Values v = Section.read(node, List.of(keystore, password));
            return new TlsSettings(true, v.get(keystore), v.get(password));
        };
    }

    private static Parser<Path> file(Path baseDir) {
        return node -> {
            String text = Scalars.string().parse(node);
            if (text == null) {
                return null;
            }
            try {
                Path path = baseDir.toAbsolutePath().resolve(text).normalize();
                return Files.isReadable(path) ? path : node.invalid("no readable file at " + path);
            } catch (InvalidPathException e) {
                return node.invalid("not a valid path: " + e.getReason());
            }
        };
    }
}
