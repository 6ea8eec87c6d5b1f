# syntax=docker/dockerfile:1
# The webhook image: a Native AOT binary built with the .NET SDK, run on the runtime-deps image (the native libraries
# .NET needs, no .NET runtime) as a non-root user.
#   docker build -t <registry>/admission-webhook:<tag> .
# No certificate, key or credential is baked in: the serving certificate is mounted from a Secret at run time
# (deploy/base/deployment.yaml). A test (tests/AdmissionWebhook.Tests/Deployment/DockerfileTests.cs) runs this
# build stage's COPY and RUN steps without Docker, so a change here that breaks the build fails the tests.

# The version, for the binary (--version, SARIF, the build-info gauge) and the image label alike. Its default is
# <Version> in Directory.Build.props (a test holds the two equal); a release build passes --build-arg VERSION=x.y.z.
ARG VERSION=1.0.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG VERSION
# The AOT compiler links with clang against zlib; the SDK image has neither (skipped where both are present).
RUN command -v clang >/dev/null && [ -e /usr/include/zlib.h ] \
    || (apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*)
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across source changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/AdmissionWebhook.Core/AdmissionWebhook.Core.csproj src/AdmissionWebhook.Core/
COPY src/AdmissionWebhook/AdmissionWebhook.csproj src/AdmissionWebhook/
# Native AOT: one native executable of only the code the server reaches, compiled ahead of time for the build machine's
# architecture (--use-current-runtime, so a multi-arch build compiles for each target). Against the ReadyToRun build it
# replaced it starts in a fraction of the time and needs no JIT, and no JIT'd code mapped twice (README, Memory and
# Performance). Restore must know the runtime and AOT too (the ILCompiler package), since publish does not restore.
RUN dotnet restore src/AdmissionWebhook/AdmissionWebhook.csproj --use-current-runtime -p:PublishAot=true
COPY src/ src/
# The example cluster shipped beside the binary (used only when no live cluster view is configured).
COPY deploy/examples/ deploy/examples/
RUN dotnet publish src/AdmissionWebhook/AdmissionWebhook.csproj --configuration Release --no-restore --output publish \
    --use-current-runtime -p:PublishAot=true -p:Version=${VERSION}

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
ARG VERSION
LABEL org.opencontainers.image.title="admission-webhook" \
      org.opencontainers.image.description="Kubernetes admission webhook guarding NIC hot-plug of KubeVirt VMs on Kube-OVN attachment networks" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=build /src/publish ./
# The image's built-in unprivileged "app" user (APP_UID 1654); the Deployment pins the same UID.
USER 1654
# HTTPS for admission reviews, /livez and /readyz (Webhook:Port, --port).
EXPOSE 8443
# Workstation GC sizes gen0 from the CPU's cache, which on large server CPUs lets the heap of this small service grow
# under load; a 4 MiB gen0 budget (hex) bounds it at the same throughput. With it the AOT binary peaked at 105-110 MB RSS
# under the quiet load benchmark (83-86 MB on a loaded machine), the ReadyToRun build it replaced at 131-163 MB (README). The value is
# hexadecimal without a 0x prefix, as the runtime reads it. The AOT runtime reads the same DOTNET_ GC settings: without
# this line it collected twice as often (README, Performance: dotnet_gc_collections_total against bytes allocated on
# /metrics show the budget in force).
ENV DOTNET_GCgen0size=400000
ENTRYPOINT ["/app/AdmissionWebhook"]
