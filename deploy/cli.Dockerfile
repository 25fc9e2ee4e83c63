# The `serialcluster` command, for `docker compose run --rm cli run eca …` (see docker-compose.yml).
#   docker build -f deploy/cli.Dockerfile --build-arg SOURCE_REVISION=$(git rev-parse HEAD) -t serialcluster-cli:1 .
# SOURCE_REVISION is the commit `serialcluster --version` names: the build context has no .git to read it from.
# Restore runs in its own layer: build props and project files first, sources after.
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
COPY src/SerialCluster.Abstractions/SerialCluster.Abstractions.csproj src/SerialCluster.Abstractions/
COPY src/SerialCluster.Grains/SerialCluster.Grains.csproj src/SerialCluster.Grains/
COPY src/SerialCluster.Hosting/SerialCluster.Hosting.csproj src/SerialCluster.Hosting/
COPY src/SerialCluster.Analysis/SerialCluster.Analysis.csproj src/SerialCluster.Analysis/
COPY src/SerialCluster.Cli/SerialCluster.Cli.csproj src/SerialCluster.Cli/
RUN dotnet restore src/SerialCluster.Cli/SerialCluster.Cli.csproj
COPY src/ src/
ARG SOURCE_REVISION=
RUN dotnet publish src/SerialCluster.Cli/SerialCluster.Cli.csproj -c Release --no-restore -o /app -p:SourceRevisionId=${SOURCE_REVISION}

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/serialcluster.dll"]
CMD ["--help"]
