# The Java roles' image: one jar (launcher/target/influx-ha.jar + lib/) for every role.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Dmaven.test.skip=true -pl launcher -am package

FROM eclipse-temurin:17-jre
WORKDIR /opt/influx-ha
COPY --from=build /src/launcher/target/influx-ha.jar ./influx-ha.jar
COPY --from=build /src/launcher/target/lib ./lib
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/influx-ha/influx-ha.jar"]
CMD ["--help"]
