#!/usr/bin/env bash
# Builds the production jar (-Dproduction: without the embedded-infrastructure module) and the container
# image around it, with Jib and no Docker daemon, into transfer-service/target/overdracht-image.tar
# (Docker's tar layout: docker load, podman load, skopeo copy docker-archive:…, crane push). By default
# the image is built on `scratch` with a jlink-made Java 17 runtime and the libraries it needs, which
# takes nothing but this repository, Maven Central and this JDK (with its jmods). Another base:
#   deploy/build-image.sh -Dimage.base=gcr.io/distroless/java17-debian12 -Dimage.java=/usr/bin/java
# Further -D settings: image.name (default overdracht/transfer-service:<version>), image.source, image.licenses.
# Extra Maven flags (for example -o for an offline build) can be given in MAVEN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q ${MAVEN_FLAGS:-} -Dproduction -pl transfer-service -am package -DskipTests "$@"
echo "transfer-service/target/overdracht-image.tar"
