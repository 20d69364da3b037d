package ctbot

import (
	"cmp"
	"runtime/debug"
)

// BuildInfo is the release and commit a binary was built from.
type BuildInfo struct {
	Version  string // the release: -ldflags Version, else the module version, else "dev"
	Commit   string // the commit: -ldflags Commit, else vcs.revision; "" when unknown
	Modified bool   // built from a work tree with uncommitted changes (vcs.modified)
}

// Build says what this binary was built from: the values stamped with
// -ldflags win, then what Go recorded (the module version of `go install
// ...@v1.4.0`, vcs.revision and vcs.modified of a build in a git checkout).
func Build() BuildInfo { return buildInfo(Version, Commit, debug.ReadBuildInfo) }

func buildInfo(version, commit string, read func() (*debug.BuildInfo, bool)) BuildInfo {
	b := BuildInfo{Version: version, Commit: commit}
	info, ok := read()
	if !ok {
		return b
	}
	if b.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	var revision string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true" && commit == ""
		}
	}
	b.Commit = cmp.Or(b.Commit, revision)
	return b
}

// String is "v1.4.0 (commit 0123abc…)", with "+modified" for a dirty tree.
func (b BuildInfo) String() string {
	if b.Commit == "" {
		return b.Version + " (commit unknown)"
	}
	s := b.Version + " (commit " + b.Commit
	if b.Modified {
		s += "+modified"
	}
	return s + ")"
}
