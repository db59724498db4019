# The Java roles' image: one jar (launcher/target/influx-ha.jar + lib/) for every role.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, in a layer of their own: it is rebuilt only when a pom changes, not on
# every source change. The project's own modules are left out (plugin 3.8.1's excludeReactor
# covers plugins only, so their group is excluded too: they are not published anywhere).
COPY pom.xml ./
COPY core/pom.xml core/
COPY embedded-broker/pom.xml embedded-broker/
COPY local-influxd/pom.xml local-influxd/
COPY test-support/pom.xml test-support/
COPY ingest-gateway/pom.xml ingest-gateway/
COPY shard-router/pom.xml shard-router/
COPY backend-writer/pom.xml backend-writer/
COPY launcher/pom.xml launcher/
COPY e2e-tests/pom.xml e2e-tests/
COPY benchmarks/pom.xml benchmarks/
RUN mvn -B -ntp -q -pl launcher -am dependency:go-offline -DexcludeGroupIds=io.influxha
COPY . .
# Not offline: go-offline can miss a plugin dependency resolved only during the build.
RUN mvn -B -ntp -Dmaven.test.skip=true -pl launcher -am package

FROM eclipse-temurin:17-jre
# A user of its own: the roles need no root (their ports are above 1024), and data_dir is theirs.
RUN groupadd --system --gid 10001 influxha \
    && useradd --system --uid 10001 --gid influxha --home-dir /var/lib/influx-ha --no-create-home influxha \
    && mkdir -p /var/lib/influx-ha /etc/influx-ha \
    && chown influxha:influxha /var/lib/influx-ha
WORKDIR /opt/influx-ha
COPY --from=build /src/launcher/target/influx-ha.jar ./influx-ha.jar
COPY --from=build /src/launcher/target/lib ./lib
# `influx-ha ARGS` inside the container (healthchecks, `docker compose exec gateway influx-ha status ...`).
RUN printf '#!/bin/sh\nexec java ${INFLUXHA_JAVA_OPTS:-} -jar /opt/influx-ha/influx-ha.jar "$@"\n' > /usr/local/bin/influx-ha \
    && chmod 0755 /usr/local/bin/influx-ha
USER influxha
# gateway (InfluxDB HTTP API, /health, /metrics), router and writer (/health, /metrics)
EXPOSE 8086 9187 9188
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/influx-ha/influx-ha.jar"]
CMD ["--help"]
