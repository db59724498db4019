package io.influxha.core;

/** A reason a command cannot start, worded for the user; its {@code …Main} prints it and exits 2. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
