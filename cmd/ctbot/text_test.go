package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestTerminalNeverGetsControlCharacters: text stored before ctbot checked
// it (an ESC sequence that clears the screen and retitles the terminal, a
// C1 control, an override left open) is printed by the digest and the
// console without a single control character, and balanced.
func TestTerminalNeverGetsControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, errOut := runAt(t, "2026-11-24T09:00:00Z", nil, "log kenya Met the unit\n", "console", "-db", db); code != 0 {
		t.Fatalf("console: %s", errOut)
	}
	conn, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`UPDATE entries SET note = ?`, "Met\x1b[2J\x1b]0;owned\x07 the\u009b31m unit \u2069\u202eoverride"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	code, digest, errOut := runAt(t, "2026-12-01T12:00:00Z", nil, "", "digest", "-db", db, "-at", "2026-11-30T08:00")
	if code != 0 {
		t.Fatalf("digest: exit %d: %s", code, errOut)
	}
	code, console, errOut := runAt(t, "2026-12-01T12:00:00Z", nil, "history kenya\naudit 1\nlog kenya typed\x1b[2J here\n", "console", "-db", db)
	if code != 0 {
		t.Fatalf("console: exit %d: %s", code, errOut)
	}
	for name, out := range map[string]string{"digest": digest, "console": console} {
		if !strings.Contains(out, "[2J") || !strings.Contains(out, "unit") {
			t.Errorf("%s lost the note:\n%s", name, out)
		}
		if err := ctbot.CheckChars(name, out, true); err != nil {
			t.Errorf("%s printed %v:\n%+q", name, err, out)
		}
	}
}
