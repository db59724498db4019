package io.influxha.core.config;

import java.util.List;

/**
 * A set of replica backends and the measurements it owns.
 *
 * @param measurements patterns in order: an exact name, a glob ({@code cpu*}, {@code *}) or a
 *     regex between slashes ({@code /^disk_.+$/})
 */
public record ShardSettings(String name, List<String> replicas, List<String> measurements) {}
