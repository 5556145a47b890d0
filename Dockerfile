# geoingest container: build with Maven, run on a JRE with GDAL (ogr2ogr reads Shapefile, KML
# variants, MapInfo, OSM, ...) as a non-root user.
#   docker build -t geoingest .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/geoingest \
#     -e SPRING_DATASOURCE_PASSWORD=... -e GEOINGEST_SECRET_KEY=... \
#     -e GEOINGEST_ACCOUNTS_0_USERNAME=demo -e GEOINGEST_ACCOUNTS_0_API_KEY=... geoingest
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY application.yaml .
COPY routes routes
COPY src src
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/geoingest --create-home geoingest \
    && mkdir -p /var/lib/geoingest/work /etc/geoingest/routes \
    && chown -R geoingest /var/lib/geoingest
COPY --from=build /src/target/geoingest.jar /opt/geoingest/geoingest.jar
USER 10001
ENV GEOINGEST_IMPORTS_WORK_DIR=/var/lib/geoingest/work
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/geoingest/geoingest.jar"]
