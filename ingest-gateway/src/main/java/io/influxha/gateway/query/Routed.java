package io.influxha.gateway.query;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A backend's answer on its way to the client.
 *
 * @param answeredBy the replicas that answered, with their lag when chosen
 * @param response the backend's response, body not yet read: the caller streams and closes it
 */
public record Routed(List<Replicas.Choice> answeredBy, HttpResponse<InputStream> response) {
    /** {@code X-Influxha-Backend}: the backends that answered, comma-separated. */
    public String backendHeader() {
        return header(answeredBy, false);
    }

    /** {@code X-Influxha-Lag}: their lag in records when chosen, {@code unknown} when Kafka could not tell. */
    public String lagHeader() {
        return header(answeredBy, true);
    }

    static String header(List<Replicas.Choice> choices, boolean lag) {
        StringBuilder sb = new StringBuilder();
        for (Replicas.Choice c : choices) {
            sb.append(sb.isEmpty() ? "" : ",");
            sb.append(!lag ? c.backend() : c.lag() < 0 ? "unknown" : Long.toString(c.lag()));
        }
        return sb.toString();
    }
}
