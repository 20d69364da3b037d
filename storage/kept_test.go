package storage_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestACloseKeepsItsReportInItsTransaction: a close stores what keep makes
// of the entries in force at it (not those of other periods' kinds, nor
// later changes) with the latest framework version; a keep that fails
// fails the close, which then logs nothing; what was kept never changes.
func TestACloseKeepsItsReportInItsTransaction(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	ke := training("U1", "KE", "2026-09-20", 25, 9, 20)
	for _, e := range []*ctbot.Entry{ke, training("U1", "GH", "2026-10-02", 10, 2, 10),
		{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-09-21"), Note: "met", UserID: "U1"}} {
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	fw, _, err := db.LogFramework(ctx, []byte(`{"Name":"P"}`), "h1", ctbot.FrameworkActor, "config.toml", noChanges)
	if err != nil {
		t.Fatal(err)
	}
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	boom := errors.New("boom")
	failing := func(ctbot.PeriodEvent, func([]ctbot.Kind, ctbot.Date, func(*ctbot.Entry) error) error) ([]byte, error) {
		return nil, boom
	}
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", failing, ctbot.WriteOptions{}); !errors.Is(err, boom) {
		t.Fatalf("a failing keep: %v", err)
	}
	if log, err := db.PeriodLog(ctx); err != nil || len(log) != 0 {
		t.Fatalf("a close whose keep failed was logged: %+v, %v", log, err)
	}
	var seen []string
	keep := func(ev ctbot.PeriodEvent, each func([]ctbot.Kind, ctbot.Date, func(*ctbot.Entry) error) error) ([]byte, error) {
		err := each([]ctbot.Kind{ctbot.KindTraining}, ev.End, func(e *ctbot.Entry) error {
			seen = append(seen, e.Country+" "+e.Date.String())
			return nil
		})
		return []byte(`{"period":"` + ev.Period + `"}`), err
	}
	closed, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", keep, ctbot.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"KE 2026-09-20"}; !slices.Equal(seen, want) {
		t.Errorf("keep saw %v, want %v", seen, want)
	}
	// Later framework versions and changes do not touch what was kept.
	if _, _, err := db.LogFramework(ctx, []byte(`{"Name":"Q"}`), "h2", ctbot.FrameworkActor, "config.toml", noChanges); err != nil {
		t.Fatal(err)
	}
	changed := *ke
	changed.Trained = 99
	if _, err := db.Amend(ctx, ke.ID, &changed, "UCOORD", "late", ctbot.WriteOptions{AfterClose: true}); err != nil {
		t.Fatal(err)
	}
	k, found, err := db.KeptReport(ctx, closed)
	if err != nil || !found || string(k.Report) != `{"period":"2026-Q3"}` || k.FrameworkID != fw.ID {
		t.Errorf("kept %q (framework %d), %v, %v; want framework %d", k.Report, k.FrameworkID, found, err, fw.ID)
	}
	for _, q := range []string{`UPDATE kept_reports SET report = '{}'`, `DELETE FROM kept_reports`} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s: a kept report changed", q)
		}
	}
	// A close without keep keeps nothing; a reopen never does.
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodReopen, "UCOORD", "late", keep, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	again, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", nil, ctbot.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, found, err := db.KeptReport(ctx, again); found || err != nil {
		t.Errorf("a close without keep kept a report: %v, %v", found, err)
	}
}

func noChanges(*ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error) { return nil, nil }

// TestTheFrameworkLogKeepsEachVersionOnce: a version is logged when it
// differs from the latest (by hash), with the changes made from the
// latest, as actor "config"; the log is append-only.
func TestTheFrameworkLogKeepsEachVersionOnce(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	var got []string
	changes := func(prev *ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error) {
		if prev == nil {
			got = append(got, "first")
			return nil, nil
		}
		got = append(got, "from "+string(prev.Framework))
		return []ctbot.FrameworkChange{{Field: "end", Old: "2026-12-31", New: "2027-06-30"}}, nil
	}
	log := func(body, hash string) (ctbot.FrameworkVersion, bool) {
		t.Helper()
		v, logged, err := db.LogFramework(ctx, []byte(body), hash, ctbot.FrameworkActor, "config.toml", changes)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
		return v, logged
	}
	v1, logged := log(`{"End":"2026-12-31"}`, "a")
	if !logged || v1.ID == 0 {
		t.Fatalf("the first version was not logged: %+v", v1)
	}
	if v, logged := log(`{"End":"2026-12-31"}`, "a"); logged || v.ID != v1.ID {
		t.Errorf("the same version was logged again: %+v", v)
	}
	v2, logged := log(`{"End":"2027-06-30"}`, "b")
	if !logged || v2.ID <= v1.ID {
		t.Fatalf("a new version was not logged: %+v", v2)
	}
	if want := []string{"first", `from {"End":"2026-12-31"}`}; !slices.Equal(got, want) {
		t.Errorf("changes made from %v, want %v", got, want)
	}
	vs, err := db.FrameworkLog(ctx)
	if err != nil || len(vs) != 2 {
		t.Fatalf("log %+v, %v", vs, err)
	}
	last := vs[1]
	if last.Actor != "config" || last.Source != "config.toml" || last.Hash != "b" || string(last.Framework) != `{"End":"2027-06-30"}` ||
		len(last.Changes) != 1 || last.Changes[0].New != "2027-06-30" || !last.At.Equal(v2.At) || len(vs[0].Changes) != 0 {
		t.Errorf("logged %+v", vs)
	}
	for _, q := range []string{`UPDATE framework_log SET hash = 'x'`, `DELETE FROM framework_log`} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s: the framework log changed", q)
		}
	}
}

// TestAnEntryVersionIsReadAsStored: an earlier version of an amended
// entry is read as it was, and without its free text once redacted.
func TestAnEntryVersionIsReadAsStored(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-09-20", 25, 9, 20)
	e.Evidence, e.Link = "Sheet of Jane Roe", "https://example.org/roe.pdf"
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	changed := *e
	changed.Trained, changed.Link = 30, "https://example.org/other.pdf"
	if _, err := db.Amend(ctx, e.ID, &changed, "U1", "", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	v1, err := db.EntryVersion(ctx, e.ID, 1)
	if err != nil || v1.Trained != 25 || v1.Link != "https://example.org/roe.pdf" || v1.Version != 1 {
		t.Fatalf("version 1: %+v, %v", v1, err)
	}
	if v2, err := db.EntryVersion(ctx, e.ID, 2); err != nil || v2.Trained != 30 || v2.Version != 2 {
		t.Errorf("version 2: %+v, %v", v2, err)
	}
	if _, err := db.EntryVersion(ctx, e.ID, 7); ctbot.CodeOf(err) != ctbot.ENotFound {
		t.Errorf("a version that does not exist: %v", err)
	}
	if _, err := db.Redact(ctx, e.ID, "UCOORD", "a name", false, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	v1, err = db.EntryVersion(ctx, e.ID, 1)
	if err != nil || v1.Link != storage.RedactedLink || v1.Evidence != storage.Redacted || strings.Contains(v1.Evidence, "Roe") {
		t.Errorf("version 1 after the redaction: %+v, %v", v1, err)
	}
}
