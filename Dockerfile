# syntax=docker/dockerfile:1

# Accord: one image with both binaries.
#   docker run -p 8080:8080 accord                  -> web server (embedded Bleve unless MEILI_URL is set)
#   docker run --entrypoint /app/indexer accord -corpus /app/corpus
# docker-compose.yml runs the same image as a one-shot indexer and as the server, against Meilisearch.

# ---- build stage ----------------------------------------------------------
# Pinned to the Go minor release that go.mod requires (go 1.26.0).
FROM golang:1.26-bookworm AS build
WORKDIR /src

# Download modules before copying the sources, so this layer stays cached
# while only Go files change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
# CGO off: a static binary that runs on distroless/static (no libc).
# -trimpath drops local paths from the binary; -s -w drop symbol tables and DWARF.
# Generated *_templ.go files are committed, so no templ step is needed here.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ ./cmd/server ./cmd/indexer \
 && mkdir -p /out/data

# ---- final stage ----------------------------------------------------------
# No shell, no package manager; runs as uid/gid 65532 ("nonroot").
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app

COPY --from=build /out/server /out/indexer /app/
# The sample corpus, for the indexer (-corpus /app/corpus).
COPY corpus /app/corpus
# A writable directory for the embedded Bleve index when no MEILI_URL is set
# (/app is owned by root, and the process runs as nonroot).
COPY --from=build --chown=65532:65532 /out/data /app/data

# Listen on all interfaces inside the container; publish the port to choose who can reach it.
ENV ADDR=0.0.0.0:8080
EXPOSE 8080

USER nonroot:nonroot
ENTRYPOINT ["/app/server"]
