package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/bot"
)

const unitPath = "../../deploy/ctbot.service"

// parseUnit reads a systemd unit: section.key to its values, in order.
func parseUnit(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				t.Fatalf("%s: %q is not key=value", path, line)
			}
			keys[section+"."+k] = append(keys[section+"."+k], v)
		}
	}
	return keys
}

// TestSystemdUnit checks the sandbox of deploy/ctbot.service, its
// credentials and ordering; where systemd-analyze is installed, it also
// verifies the unit and holds its exposure score at 1.5 or lower (5.8
// before the sandbox was tightened).
func TestSystemdUnit(t *testing.T) {
	u := parseUnit(t, unitPath)
	for key, want := range map[string]string{
		"CapabilityBoundingSet": "", "SystemCallArchitectures": "native", "ProtectClock": "true", "ProtectKernelLogs": "true",
		"ProtectHostname": "true", "ProtectProc": "invisible", "ProcSubset": "pid", "RestrictSUIDSGID": "true",
		"RestrictRealtime": "true", "RemoveIPC": "true", "PrivateUsers": "true", "PrivateMounts": "true", "LockPersonality": "true",
		"MemoryDenyWriteExecute": "true", "NoNewPrivileges": "true", "ProtectSystem": "strict", "User": "ctbot",
	} {
		if got := u["Service."+key]; !slices.Contains(got, want) {
			t.Errorf("[Service] %s=%q, want %q", key, got, want)
		}
	}
	if !slices.Contains(u["Service.SystemCallFilter"], "@system-service") {
		t.Errorf("SystemCallFilter=%q lacks @system-service", u["Service.SystemCallFilter"])
	}
	for _, key := range []string{"Unit.After", "Unit.Wants"} {
		if !strings.Contains(strings.Join(u[key], " "), "time-sync.target") {
			t.Errorf("%s=%q lacks time-sync.target", key, u[key])
		}
	}
	// The secrets come as credentials named as ctbot reads them, not from
	// an environment file every process of the unit can see.
	for _, name := range []string{bot.EnvBotToken, bot.EnvAppToken} {
		if !slices.Contains(u["Service.LoadCredential"], name+":/etc/ctbot/credentials/"+name) {
			t.Errorf("LoadCredential=%q lacks %s", u["Service.LoadCredential"], name)
		}
	}
	if len(u["Service.EnvironmentFile"]) > 0 {
		t.Errorf("EnvironmentFile=%q: secrets belong in LoadCredential=", u["Service.EnvironmentFile"])
	}
	if !slices.Contains(u["Service.ExecReload"], "/bin/kill -HUP $MAINPID") {
		t.Errorf("ExecReload=%q, want SIGHUP", u["Service.ExecReload"])
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Logf("systemd-analyze is not installed (apt-get install systemd): the unit's directives were checked, not verified by systemd")
		return
	}
	// verify wants the programs to exist: this test binary stands in.
	src, err := os.ReadFile(unitPath)
	if err != nil {
		t.Fatal(err)
	}
	self, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	unit := filepath.Join(t.TempDir(), "ctbot.service")
	if err := os.WriteFile(unit, []byte(strings.ReplaceAll(string(src), "/usr/local/bin/ctbot", self)), 0o644); err != nil {
		t.Fatal(err)
	}
	// verify exits 0 on unknown keys and bad values, but says so.
	out, err := exec.Command(analyze, "verify", "--man=no", "--generators=no", unit).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err = exec.Command(analyze, "security", "--offline=yes", unit).CombinedOutput()
	m := regexp.MustCompile(`Overall exposure level for ctbot.service: ([0-9.]+)`).FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("systemd-analyze security: %v\n%s", err, out)
	}
	if score, _ := strconv.ParseFloat(string(m[1]), 64); score > 1.5 {
		t.Errorf("exposure %.1f, want 1.5 or lower:\n%s", score, out)
	}
	t.Logf("systemd-analyze security: exposure %s", m[1])
}
