//go:build unix

package storage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/storage"
)

// TestClaimServingNamesTheOther: a second claim on a database served
// already is told which process serves it; once that one lets go, the
// next claim succeeds.
func TestClaimServingNamesTheOther(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ctbot.db")
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	release, other, err := storage.ClaimServing(db, at)
	if err != nil || other != "" {
		t.Fatalf("first claim: other %q, err %v", other, err)
	}
	_, other, err = storage.ClaimServing(db, at.Add(time.Hour))
	want := fmt.Sprintf("pid %d on ", os.Getpid())
	if err != nil || !strings.HasPrefix(other, want) || !strings.HasSuffix(other, "serving since 2026-11-27T09:00:00Z") {
		t.Fatalf("second claim: other %q, err %v; want %q... since the first's start", other, err, want)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	release, other, err = storage.ClaimServing(db, at.Add(2*time.Hour))
	if err != nil || other != "" {
		t.Fatalf("claim after the first let go: other %q, err %v", other, err)
	}
	release()
}
