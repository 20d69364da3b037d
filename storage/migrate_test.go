package storage

import (
	"slices"
	"testing"
)

// releasedMigrations are the SHA-256 sums of every released migration, as
// main released them: a released migration is never edited (a database
// that applied it would differ from one that applies it now). Add a new
// migration's sum here once it is merged.
var releasedMigrations = map[string]string{
	"0001_entries.sql":           "72a5adae282b0a4a9db1f0e1ffe239f663ac5d68a2be299382c9ef842044f2b7",
	"0002_slack_events.sql":      "1f4b23b46c3b937f5dcc34cb3f93c08df3eaa8d6e82218333eeb0f4e7cf10836",
	"0003_job_runs.sql":          "c74bfd6fd7ae4caf1a3cc3cafc65b72fef533789c648867a799434323794c4c6",
	"0004_rollups.sql":           "f9344af28d69f589235db43ec001aa92733bae88aa1f3367eb4c52855e449ed8",
	"0005_action_keys.sql":       "570e243b4033383b5cf5f3d9d7cfa5ff6b166c7ccad073ee58bce517fd344ca7",
	"0006_first_started.sql":     "0eb52c709737226b5ffa42603ca77ffe201437cbc1764d37025404ed70072e29",
	"0007_versions.sql":          "7a7e82658c7cb0d574a223206b8f187da8dc90dc179b5a788a423f3407bc07ab",
	"0008_evidence_periods.sql":  "2e8c30ed2bc48a8f179c8bf1f0b4bbff22ab15427829857b7792c0f4433f4810",
	"0009_redaction.sql":         "bbe63aa32a16683fb6d26faf9085e2a0c7d2671a4acf968a3406651952686355",
	"0010_compact.sql":           "56e0961e2bbdbe195e02ef5070a669c53325c65e73ff2d5e1dff5fda96f5ada6",
	"0011_live.sql":              "b70ceb38f46e081db4f04001243003bb925e5cc5521a3d19ab934543dce5ebde",
	"0012_training_index.sql":    "39a643403342862f2965f45c06a13f2d2f9416fe358b2689f3736411c0b3dcac",
	"0013_courses_readiness.sql": "1bf96247ac10bd5f62831bc9e40f7dafaa30fdf857addeb5cabc5acf8364a51b",
	"0014_roles.sql":             "d69b9a31c4a83075f939396e055aed8460b364cf5b9e6f22ef2ffd3b83799d83",
	"0015_event_snoozes.sql":     "43113af95ba6aa5a1e07bd5cc6b2d0d3d68f8156343252dc2c65aa1872026dde",
	"0016_settings.sql":          "a52d05c275faa0087b642e544121ea219fc9ba438b63e4f84b919222c1362eb7",
	"0017_redaction_purge.sql":   "10762ce66466119152c0d6b8f00822e4ef93f320ba1e213311d830b9e9cafaf2",
	"0018_commit_order.sql":      "4f7302d60b2c974f032ca6bfc3fa99bb1923195ef6a56071eb10847d9c40f8f9",
	"0019_log_only.sql":          "26b304fa18d1d3778318cdc7847a864fcd3604666eee87bdf33e6c8bacb62e9e",
	"0020_kept_reports.sql":      "f45c2294fe7a1998c5b3ee1e06569965272abb2ff13e5ae9320ccef4186731a6",
	"0021_training_range.sql":    "a09a9e691b121c8932ddcc0f253e7931939cc6d08c55abb684cd3ce513e87f77",
}

// TestReleasedMigrationsNeverChange fails when the text of a released
// migration changes, or a migration has no recorded sum.
func TestReleasedMigrationsNeverChange(t *testing.T) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		want, ok := releasedMigrations[m.name]
		switch {
		case !ok:
			t.Errorf("%s has no sum in releasedMigrations: add %q once it is released", m.name, m.sum)
		case want != m.sum:
			t.Errorf("%s was edited after its release (SHA-256 %s, released %s): add a new migration instead", m.name, m.sum, want)
		}
	}
	for name := range releasedMigrations {
		if !slices.ContainsFunc(ms, func(m migration) bool { return m.name == name }) {
			t.Errorf("%s was released but is gone: a released migration is never removed or renamed", name)
		}
	}
}
