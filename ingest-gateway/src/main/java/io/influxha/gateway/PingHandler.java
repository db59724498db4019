package io.influxha.gateway;

import io.javalin.http.Context;

/** {@code GET|HEAD /ping}: 204, or 200 with the version when {@code verbose} is set (1.8 servePing). */
final class PingHandler {
    private PingHandler() {}

    static void handle(Context ctx) {
        String verbose = ctx.queryParam("verbose");
        if (verbose != null && !verbose.isEmpty() && !verbose.equals("0") && !verbose.equals("false")) {
            ctx.status(200).contentType("application/json").result("{\"version\":\"" + ResponseHeaders.VERSION + "\"}");
        } else {
            ctx.status(204);
        }
    }
}
