# The SerialCluster silo. Built by docker-compose.yml (`docker compose build`) from the repository root:
#   docker build -f deploy/silo.Dockerfile -t serialcluster-silo:1 .
# Restore runs in its own layer: only the build props and the project files the silo needs are copied before
# `dotnet restore`, so editing a .cs file reuses the restored packages.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
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

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY deploy/silo-entrypoint.sh /usr/local/bin/silo-entrypoint.sh
# The image's unprivileged user (uid 1654); the silo needs no privilege and writes nothing but /tmp.
USER $APP_UID
# Silo-to-silo, gateway (clients), /metrics.
EXPOSE 11111 30000 9400
ENTRYPOINT ["/usr/local/bin/silo-entrypoint.sh"]
