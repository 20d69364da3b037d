package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/config"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, RUN, USER…
	args string
}

// parseDockerfile reads a Dockerfile's instructions, without comments.
func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur string
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || trimmed == "" && cur == "" {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur += strings.TrimSuffix(trimmed, `\`) + " "
			continue
		}
		cur += trimmed
		cmd, args, _ := strings.Cut(cur, " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur = ""
	}
	return out
}

// TestDockerfile checks what the image promises without a container
// engine: fully qualified base images, a non-root user, a health check by
// `ctbot health`, the metrics port; then it runs the build stage's go build
// as written (its flags, the version and commit stamped, the image's
// configuration) and runs the binary it made.
func TestDockerfile(t *testing.T) {
	root := filepath.Join("..", "..")
	ins := parseDockerfile(t, filepath.Join(root, "Dockerfile"))
	var froms, runs, users, exposed, args []string
	var healthcheck string
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, strings.Fields(in.args)[0])
		case "RUN":
			runs = append(runs, in.args)
		case "USER":
			users = append(users, in.args)
		case "EXPOSE":
			exposed = append(exposed, strings.Fields(in.args)...)
		case "ARG":
			name, _, _ := strings.Cut(in.args, "=")
			args = append(args, name)
		case "HEALTHCHECK":
			healthcheck = in.args
		}
	}
	if len(froms) != 2 {
		t.Fatalf("FROM: %q; want a build stage and a runtime stage", froms)
	}
	for _, image := range froms {
		// buildah and podman refuse short names: the first part is a registry.
		host, _, ok := strings.Cut(image, "/")
		if !ok || !strings.ContainsAny(host, ".:") && host != "localhost" {
			t.Errorf("FROM %s is not a fully qualified image name (docker.io/library/…)", image)
		}
	}
	if want := "docker.io/library/golang:1.26-bookworm"; froms[0] != want {
		t.Errorf("build image %s, want %s", froms[0], want)
	}
	if len(users) == 0 {
		t.Error("no USER: the image runs as root")
	} else if u := users[len(users)-1]; u == "root" || u == "0" || strings.HasPrefix(u, "0:") || strings.HasPrefix(u, "root:") {
		t.Errorf("USER %s is root", u)
	} else if uid, _, _ := strings.Cut(u, ":"); !strings.Contains(strings.Join(runs, "\n"), "useradd --system --uid "+uid) {
		t.Errorf("USER %s is not the user the image creates", u)
	}
	if !regexp.MustCompile(`CMD \[\s*"ctbot",\s*"health"`).MatchString(healthcheck) {
		t.Errorf("HEALTHCHECK %q does not run `ctbot health`", healthcheck)
	}
	if !slices.Contains(exposed, "9464") {
		t.Errorf("EXPOSE %q lacks the metrics port 9464", exposed)
	}
	for _, want := range []string{"VERSION", "COMMIT"} {
		if !slices.Contains(args, want) {
			t.Errorf("no ARG %s", want)
		}
	}

	var build string
	for _, r := range runs {
		if strings.Contains(r, "go build") {
			build = r
		}
	}
	if build == "" || !strings.Contains(build, "/out/ctbot") || !strings.Contains(build, "/out/config.toml") {
		t.Fatalf("no RUN go build writing /out/ctbot and /out/config.toml: %q", build)
	}
	// The build stage's WORKDIR /src is the checkout; /out is a temp dir.
	out := t.TempDir()
	script := strings.ReplaceAll(build, "/out/", out+"/")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // a cold cgo build of go-sqlite3 takes minutes on two cores
	defer cancel()
	const version, commit = "v9.8.7-test", "0123456789abcdef0123456789abcdef01234567"
	sh := exec.CommandContext(ctx, "sh", "-ec", script)
	sh.Dir = root
	sh.Env = append(os.Environ(), "VERSION="+version, "COMMIT="+commit)
	if b, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("the Dockerfile's build step failed: %v\n%s", err, b)
	}
	got, err := exec.CommandContext(ctx, filepath.Join(out, "ctbot"), "version").CombinedOutput()
	if want := "ctbot " + version + " (commit " + commit + ") go"; err != nil || !strings.HasPrefix(string(got), want) {
		t.Errorf("the image's ctbot version: %q %v; want %q…", got, err, want)
	}
	cfg, err := config.Load(filepath.Join(out, "config.toml"))
	if err != nil {
		t.Fatalf("the image's configuration: %v", err)
	}
	if cfg.Storage.Path != "/data/ctbot.db" || cfg.Metrics.Listen != "0.0.0.0:9464" {
		t.Errorf("the image's configuration: storage.path %q, metrics.listen %q; want /data/ctbot.db and 0.0.0.0:9464", cfg.Storage.Path, cfg.Metrics.Listen)
	}
}
