package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

func TestClosedPeriodsGuardEveryWrite(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	in := training("U1", "KE", "2026-09-20", 25, 9, 20)
	out := training("U1", "KE", "2026-10-02", 10, 2, 10)
	for _, e := range []*ctbot.Entry{in, out} {
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	clock.Advance(time.Hour)
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", nil, ctbot.WriteOptions{Keys: []string{"k1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", nil, ctbot.WriteOptions{}); !refusedWith(err, ctbot.ERefused, "err.period_already_closed") {
		t.Errorf("closing twice: %v", err)
	}
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodReopen, "UCOORD", "", nil, ctbot.WriteOptions{Keys: []string{"k1"}}); ctbot.CodeOf(err) != ctbot.EDuplicate {
		t.Errorf("a replayed action: %v", err)
	}
	var closed *ctbot.Error
	// Recording, amending into or out of, and retracting in Q3 are refused.
	_, err := db.Record(ctx, training("U1", "GH", "2026-09-30", 5, 1, 5), ctbot.WriteOptions{})
	if !errors.As(err, &closed) || closed.Code != ctbot.EClosed || closed.Args[3] != "2026-Q3" || closed.Args[5] != ctbot.Mention("UCOORD") {
		t.Errorf("record in Q3: %v", err)
	}
	moved := *out
	moved.Date = ctbot.MustParseDate("2026-09-30")
	if _, err := db.Amend(ctx, out.ID, &moved, "U1", "", ctbot.WriteOptions{}); ctbot.CodeOf(err) != ctbot.EClosed {
		t.Errorf("amend into Q3: %v", err)
	}
	changed := *in
	changed.Trained = 26
	if _, err := db.Amend(ctx, in.ID, &changed, "U1", "", ctbot.WriteOptions{}); ctbot.CodeOf(err) != ctbot.EClosed {
		t.Errorf("amend in Q3: %v", err)
	}
	if _, err := db.Retract(ctx, in.ID, "U1", "x", ctbot.WriteOptions{}); ctbot.CodeOf(err) != ctbot.EClosed {
		t.Errorf("retract in Q3: %v", err)
	}
	// Outside the period all is as before.
	outside := *out
	outside.Trained = 11
	if _, err := db.Amend(ctx, out.ID, &outside, "U1", "", ctbot.WriteOptions{}); err != nil {
		t.Errorf("amend in Q4: %v", err)
	}
	// A coordinator's change is let through and marked, in the entry and the audit.
	if _, err := db.Amend(ctx, in.ID, &changed, "UCOORD", "sheet found", ctbot.WriteOptions{AfterClose: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Entry(ctx, in.ID)
	trail, _ := db.Audit(ctx, in.ID)
	if !got.AfterClose || got.Trained != 26 || !trail[len(trail)-1].AfterClose || trail[0].AfterClose {
		t.Errorf("after close: entry %v, audit %+v", got.AfterClose, trail)
	}
	// Reopened, the period takes writes again.
	if _, err := db.LogPeriod(ctx, q3, ctbot.PeriodReopen, "UCOORD", "late data", nil, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Record(ctx, training("U1", "GH", "2026-09-30", 5, 1, 5), ctbot.WriteOptions{}); err != nil {
		t.Errorf("record in reopened Q3: %v", err)
	}
	log, err := db.PeriodLog(ctx)
	if err != nil || len(log) != 2 || log[1].Action != ctbot.PeriodReopen || log[1].Reason != "late data" || log[0].Start != q3.Start {
		t.Errorf("log = %+v, %v", log, err)
	}
	if err := db.ExecForTest(ctx, `UPDATE period_log SET actor = 'X'`); err == nil {
		t.Error("the period log was rewritten")
	}
}

func TestVerifyIsAVersion(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-09-20", 25, 9, 20)
	e.Evidence, e.Link = "Attendance sheet", "https://example.org/sheet.pdf"
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	before := clock.Now()
	clock.Advance(time.Hour)
	v, err := db.Verify(ctx, e.ID, "UCOORD", "checked the sheet", ctbot.WriteOptions{})
	if err != nil || !v.Verified() || !v.VerifiedAt.Equal(clock.Now()) || v.Version != 2 {
		t.Fatalf("verify = %+v, %v", v, err)
	}
	if _, err := db.Verify(ctx, e.ID, "UCOORD", "", ctbot.WriteOptions{}); ctbot.CodeOf(err) != ctbot.EUnchanged {
		t.Errorf("verify twice: %v", err)
	}
	then, err := db.EntriesKnownAt(ctx, before)
	if err != nil || len(then) != 1 || then[0].Verified() || then[0].Evidence != "Attendance sheet" {
		t.Errorf("known before the verification: %+v, %v", then, err)
	}
	trail, _ := db.Audit(ctx, e.ID)
	if last := trail[len(trail)-1]; last.Action != "verify" || last.Reason != "checked the sheet" {
		t.Errorf("audit %+v", last)
	}
}

func TestRedactRemovesFreeTextForGood(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	// Long texts go to overflow pages, which a redaction frees: they must
	// be wiped too.
	long := strings.Repeat("minutes of the meeting ", 120) // a note under its 3000 characters, in a row over a page
	e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), Note: "call John Doe on +254 700 000000 " + long,
		UserID: "U1", Source: "log kenya call John Doe on +254 700 000000 " + long, Evidence: "Sheet signed by Jane Roe", Link: "https://example.org/JaneRoe"}
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	amended := *e
	amended.Note = "met John Doe again " + long
	amended.Evidence = "Minutes kept by Jane Roe"
	if _, err := db.Amend(ctx, e.ID, &amended, "U1", "Jane Roe asked", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	if _, err := db.Retract(ctx, e.ID, "U1", "John Doe's number", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	got, err := db.Redact(ctx, e.ID, "UCOORD", "personal data", true, ctbot.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The evidence and link become placeholders: the entry still names
	// evidence, but not what or where it was.
	if got.Note != "" || got.Source != "" || got.Evidence != storage.Redacted || got.Link != storage.RedactedLink || !got.Redacted ||
		got.Kind != ctbot.KindLog || got.Country != "KE" || !got.Retracted {
		t.Errorf("after redaction: %+v", got)
	}
	dump, err := db.DumpForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(dump, "John") || strings.Contains(dump, "700 000000") || strings.Contains(dump, "Jane") || strings.Contains(dump, "minutes of the") {
		t.Errorf("the text survives somewhere:\n%s", dump)
	}
	trail, _ := db.Audit(ctx, e.ID)
	last := trail[len(trail)-1]
	if last.Action != "redact" || last.Reason != "personal data" || len(last.Changes) == 0 || !strings.HasPrefix(last.Changes[0].Old, "scrypt:") {
		t.Errorf("redaction row %+v", last)
	}
	// A second redaction blanks the reason of the first (a reason can hold
	// personal data too); an entry with no text at all has nothing to redact.
	if _, err := db.Redact(ctx, e.ID, "UCOORD", "the reason named Jane Roe", true, ctbot.WriteOptions{}); err != nil {
		t.Errorf("redact twice: %v", err)
	}
	trail, _ = db.Audit(ctx, e.ID)
	if first, second := trail[len(trail)-2], trail[len(trail)-1]; first.Reason != storage.Redacted || second.Reason != "the reason named Jane Roe" ||
		len(second.Changes) != 1 || second.Changes[0].Field != "reasons" {
		t.Errorf("the second redaction: %+v, %+v", first, second)
	}
	bare := &ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Date: ctbot.MustParseDate("2026-10-05"), Op: ctbot.OpAdd, Value: 1, UserID: "U1"}
	if _, err := db.Record(ctx, bare, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Redact(ctx, bare.ID, "UCOORD", "nothing", true, ctbot.WriteOptions{}); ctbot.CodeOf(err) != ctbot.EUnchanged {
		t.Errorf("redact an entry without text: %v", err)
	}
	// Nothing else may change.
	for _, q := range []string{`UPDATE entry_versions SET value = 9`, `UPDATE audit SET reason = 'x'`, `UPDATE audit SET actor = 'x' WHERE action = 'amend'`,
		// Once redacted, the changes an audit row records still cannot be rewritten.
		`UPDATE audit SET changes = '[{"f":"trained","o":"5","n":"500"}]' WHERE action = 'amend'`,
		`UPDATE audit SET changes = '[{"f":"note","o":"[redacted]","n":"forged"}]' WHERE action = 'amend'`} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
	other := training("U1", "GH", "2026-09-20", 5, 1, 5)
	db.Record(ctx, other, ctbot.WriteOptions{})
	changedOther := *other
	changedOther.Trained = 6
	if _, err := db.Amend(ctx, other.ID, &changedOther, "U1", "", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, fmt.Sprintf(`UPDATE audit SET changes = '' WHERE entry_id = %d`, other.ID)); err == nil {
		t.Error("the audit of an entry never redacted was rewritten")
	}
	ids, err := db.WithFreeText(ctx, clock.Now().Add(time.Hour), 10)
	if err != nil || len(ids) != 1 || ids[0] != other.ID {
		t.Errorf("with free text: %v, %v", ids, err)
	}
}

// TestAChangeInTheSameInstantAsTheCloseIsAfterIt: writes get instants of
// their own, so a change the writer makes right after a close, with the
// clock standing still, is not "known at the close".
func TestAChangeInTheSameInstantAsTheCloseIsAfterIt(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	e := training("U1", "KE", "2026-09-20", 25, 9, 20)
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	closed, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", nil, ctbot.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	changed := *e
	changed.Trained = 99
	if _, err := db.Amend(ctx, e.ID, &changed, "UCOORD", "late", ctbot.WriteOptions{AfterClose: true}); err != nil {
		t.Fatal(err)
	}
	then, err := db.EntriesKnownAt(ctx, closed.At)
	if err != nil || len(then) != 1 || then[0].Trained != 25 {
		t.Errorf("known at the close: %+v, %v", then, err)
	}
	now, _ := db.Entry(ctx, e.ID)
	if !now.KnownFrom.After(closed.At) {
		t.Errorf("the change at %v is not after the close at %v", now.KnownFrom, closed.At)
	}
}

// TestEntriesAtCloseFollowCommitOrder: what the close of a period knows is
// what was committed before it, whatever the clock said: a correction made
// with the clock an hour ahead before the close is in it; an amendment, a
// recording and a retraction made with the clock an hour behind after the
// close are not.
func TestEntriesAtCloseFollowCommitOrder(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-10-05T09:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	ke, gh := training("U1", "KE", "2026-09-20", 25, 9, 20), training("U1", "GH", "2026-09-21", 10, 2, 10)
	for _, e := range []*ctbot.Entry{ke, gh} {
		if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(time.Hour) // ahead, then put right before the close
	fixed := *gh
	fixed.Trained = 11
	if _, err := db.Amend(ctx, gh.ID, &fixed, "U1", "", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(-time.Hour)
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	closed, err := db.LogPeriod(ctx, q3, ctbot.PeriodClose, "UCOORD", "", nil, ctbot.WriteOptions{})
	if err != nil || !closed.Ordered {
		t.Fatalf("close: %+v, %v", closed, err)
	}
	clock.Advance(-time.Hour)
	after := ctbot.WriteOptions{AfterClose: true}
	changed := *ke
	changed.Trained = 99
	if _, err := db.Amend(ctx, ke.ID, &changed, "UCOORD", "late", after); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Record(ctx, training("U1", "NG", "2026-09-22", 7, 1, 7), after); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Retract(ctx, gh.ID, "UCOORD", "twice", after); err != nil {
		t.Fatal(err)
	}
	log, err := db.PeriodLog(ctx)
	if err != nil || len(log) != 1 || log[0] != closed {
		t.Fatalf("log %+v, %v; want %+v", log, err, closed)
	}
	es, err := db.EntriesAtClose(ctx, log[0])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, fmt.Sprintf("%s %d retracted=%v", e.Country, e.Trained, e.Retracted))
	}
	if want := []string{"KE 25 retracted=false", "GH 11 retracted=false"}; !slices.Equal(got, want) {
		t.Errorf("entries at the close %v, want %v", got, want)
	}
	trail, err := db.Audit(ctx, ke.ID)
	if err != nil || len(trail) == 0 || !closed.Precedes(trail[len(trail)-1]) {
		t.Errorf("the amendment after the close is not after it: %+v, %v", trail, err)
	}
}
