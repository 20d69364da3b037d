package ctbot

import (
	"runtime/debug"
	"testing"
)

func TestBuildInfo(t *testing.T) {
	recorded := func(version string, settings ...string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/cttechplus/ctbot", Version: version}}
			for i := 0; i+1 < len(settings); i += 2 {
				info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
			}
			return info, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	tests := []struct {
		name            string
		version, commit string
		read            func() (*debug.BuildInfo, bool)
		want            string
	}{
		{"stamped", "v1.4.0", "0123abc", recorded("(devel)", "vcs.revision", "fedcba9", "vcs.modified", "true"), "v1.4.0 (commit 0123abc)"},
		{"from git", "dev", "", recorded("(devel)", "vcs.revision", "fedcba9", "vcs.modified", "false"), "dev (commit fedcba9)"},
		{"dirty tree", "dev", "", recorded("(devel)", "vcs.revision", "fedcba9", "vcs.modified", "true"), "dev (commit fedcba9+modified)"},
		{"go install @version", "dev", "", recorded("v1.3.2"), "v1.3.2 (commit unknown)"},
		{"version stamped, commit from git", "v1.4.0", "", recorded("(devel)", "vcs.revision", "fedcba9"), "v1.4.0 (commit fedcba9)"},
		{"nothing recorded", "dev", "", none, "dev (commit unknown)"},
	}
	for _, tt := range tests {
		if got := buildInfo(tt.version, tt.commit, tt.read).String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
