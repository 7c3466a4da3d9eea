# Static, cgo-free build: the SQLite driver is pure Go. No Docker engine runs in CI; the test
# cmd/gazette/dockerfile_test.go builds this file's binary with its flags, checks it is static,
# runs it as the image's non-root user and probes /readyz as HEALTHCHECK does.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/gazette ./cmd/gazette && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gazette /gazette
# The data directory must belong to the non-root user that writes to it.
COPY --from=build --chown=65532:65532 /out/data /data
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
# Ready when the store commits and the front page is warm (see /readyz); the image has no shell
# or curl, so the binary probes itself.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
	CMD ["/gazette", "probe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/gazette", "serve", "--addr", ":8080", "--data", "/data"]
