# The SerialCluster silo. Built by docker-compose.yml (`docker compose build`) from the repository root:
#   docker build -f deploy/silo.Dockerfile -t serialcluster-silo:1 .
# Restore runs in its own layer: only the build props and the project files the silo needs are copied before
# `dotnet restore`, so editing a .cs file reuses the restored packages.
# Pinned to exact versions (a floating sdk:10.0 under warnings-as-errors can break the build when the SDK moves);
# DOTNET_SDK_IMAGE / DOTNET_RUNTIME_IMAGE substitute other images (deploy/ci/local-images.sh builds stand-ins).
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime:10.0.12

FROM ${DOTNET_SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Directory.Build.props src/
COPY src/SerialCluster.Workloads/SerialCluster.Workloads.csproj src/SerialCluster.Workloads/
COPY src/SerialCluster.CostModel/SerialCluster.CostModel.csproj src/SerialCluster.CostModel/
COPY src/SerialCluster.Analysis/SerialCluster.Analysis.csproj src/SerialCluster.Analysis/
COPY src/SerialCluster.Abstractions/SerialCluster.Abstractions.csproj src/SerialCluster.Abstractions/
COPY src/SerialCluster.Grains/SerialCluster.Grains.csproj src/SerialCluster.Grains/
COPY src/SerialCluster.Hosting/SerialCluster.Hosting.csproj src/SerialCluster.Hosting/
COPY src/SerialCluster.Silo/SerialCluster.Silo.csproj src/SerialCluster.Silo/
RUN dotnet restore src/SerialCluster.Silo/SerialCluster.Silo.csproj
COPY src/ src/
RUN dotnet publish src/SerialCluster.Silo/SerialCluster.Silo.csproj -c Release --no-restore -o /app

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY deploy/silo-entrypoint.sh /usr/local/bin/silo-entrypoint.sh
# The calibration lock's folder (a volume the silo containers share): the volume takes this owner when created.
RUN mkdir -p /var/lib/serialcluster && chown "$APP_UID" /var/lib/serialcluster
# The image's unprivileged user (uid 1654); the silo needs no privilege and writes nothing but /tmp.
USER $APP_UID
# Silo-to-silo, gateway (clients), /metrics.
EXPOSE 11111 30000 9400
ENTRYPOINT ["/usr/local/bin/silo-entrypoint.sh"]
