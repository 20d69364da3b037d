package figures_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/figures"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/history"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestFiguresFollowTheLog: the figures of now, kept current by each change
// this process commits, and those of past instants, replayed from the log,
// equal a Book made anew from the entries the history says were in force,
// whatever another process writes to the same file meanwhile (one change
// in three goes through a second handle, which the figures do not watch).
func TestFiguresFollowTheLog(t *testing.T) {
	fw := config.Default().Framework
	var figs *figures.Figures
	storagetest.Drive(t, func(t *testing.T, c clock.Clock) []storagetest.Writer {
		path := filepath.Join(t.TempDir(), "ct.db")
		db := storagetest.MustOpenPath(t, path, c)
		other := storagetest.MustOpenPath(t, path, c)
		figs = figures.New(fw, db, c.Now)
		db.Watch(figs)
		return []storagetest.Writer{db, db, other}
	}, func(t *testing.T, at time.Time, inForce []*ctbot.Entry) {
		t.Helper()
		ctx := context.Background()
		got, err := figs.Snapshot(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		history.Compare(t, at, got, fw.Fold(inForce, ctbot.Date{}))
		since := at.Add(-7 * 24 * time.Hour)
		from, to := ctbot.DateOf(since), ctbot.DateOf(at).AddDays(-1)
		week, err := figs.WeekActivity(ctx, since, at, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if want := fw.Week(inForce, since, at, from, to); !reflect.DeepEqual(week, want) {
			t.Errorf("week activity at %s:\n got %+v\nwant %+v", at.Format(time.RFC3339Nano), week, want)
		}
		for _, kind := range []ctbot.Kind{ctbot.KindLog, ctbot.KindTraining} {
			newest, err := figs.EntriesAt(ctx, kind, since, at, 5)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := keys(newest), keys(newestOf(inForce, kind, since, at, 5)); !reflect.DeepEqual(got, want) {
				t.Errorf("newest %s entries at %s:\n got %v\nwant %v", kind, at.Format(time.RFC3339Nano), got, want)
			}
		}
	})
}

// newestOf are the entries of kind recorded in (since, until], newest
// first, at most limit.
func newestOf(es []*ctbot.Entry, kind ctbot.Kind, since, until time.Time, limit int) []*ctbot.Entry {
	var out []*ctbot.Entry
	for _, e := range es {
		if e.Kind == kind && e.CreatedAt.After(since) && !e.CreatedAt.After(until) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.CreatedAt.After(b.CreatedAt) || a.CreatedAt.Equal(b.CreatedAt) && a.ID > b.ID
	})
	return out[:min(limit, len(out))]
}

// keys describe entry versions in order, with their notes.
func keys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("#%d v%d %q %q", e.ID, e.Version, e.Title, e.Note)
	}
	return out
}

// TestQueriesReadTheLog: a query read from the log (only the range it
// needs, and the series of the workshops met there) equals the query
// evaluated over every entry the history says was in force, for random
// queries at random instants, now and in the past.
func TestQueriesReadTheLog(t *testing.T) {
	checkQueries(t, rand.New(rand.NewPCG(3, 4)), false, func(*ctbot.Query) {})
}

// TestNarrowQueriesReadTheLog: a query of entries alone, read narrow and
// in any order (ctbot.Range), or of trainings or workshops, read in any
// order, equals the query evaluated over every entry in force, whole, at
// random instants now and in the past (entries amended since included).
func TestNarrowQueriesReadTheLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	narrow := 0
	checkQueries(t, rng, false, func(q *ctbot.Query) {
		q.Figures = [][]ctbot.Figure{{ctbot.Entries}, {ctbot.Entries}, {ctbot.Trainings}, {ctbot.Workshops, ctbot.Entries}}[rng.IntN(4)]
		if r, _ := config.Default().Framework.NewTally(*q).Range(); r.Narrow {
			narrow++
		}
	})
	if narrow < 500 {
		t.Errorf("only %d queries read narrow", narrow)
	}
}

// checkQueries checks random queries, shaped by shape, at each instant of
// random histories against the query evaluated over every entry then in
// force; with now, the Book of now is built first, as serve keeps it.
func checkQueries(t *testing.T, rng *rand.Rand, now bool, shape func(q *ctbot.Query)) {
	fw := config.Default().Framework
	var figs *figures.Figures
	var changes []time.Time
	storagetest.Drive(t, func(t *testing.T, c clock.Clock) []storagetest.Writer {
		db := storagetest.MustOpenDB(t, c)
		figs = storagetest.Figures(db, fw, c.Now)
		changes = nil
		return []storagetest.Writer{db}
	}, func(t *testing.T, at time.Time, inForce []*ctbot.Entry) {
		t.Helper()
		changes = append(changes, at)
		if now {
			if _, err := figs.Current(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		for range 5 {
			q := history.Query(rng, fw, changes)
			shape(&q)
			got, err := figs.Query(context.Background(), q, at)
			if err != nil {
				t.Fatal(err)
			}
			want := fw.Evaluate(q, slices.Values(inForce))
			if g, w := resultText(got), resultText(want); g != w {
				t.Fatalf("%s query %+v:\n got %s\nwant %s", at.Format(time.RFC3339), q, g, w)
			}
		}
	})
}

// resultText is a query's result as text, assessments by their entries'
// IDs, versions and scores.
func resultText(r *ctbot.Result) string {
	figs := func(f ctbot.Figures) string {
		var as []string
		for c, p := range f.Assessments {
			a := fmt.Sprint(c, history.EntryKeys([]*ctbot.Entry{p.Latest}), p.Latest.Scores)
			if p.Previous != nil {
				a += fmt.Sprint(" after ", history.EntryKeys([]*ctbot.Entry{p.Previous}), p.Previous.Scores)
			}
			as = append(as, a)
		}
		sort.Strings(as)
		f.Assessments = nil
		return fmt.Sprintf("%+v assessments %v", f, as)
	}
	out := fmt.Sprintf("total %s; unapplied %v", figs(r.Total), r.Unapplied)
	for _, g := range r.Groups {
		out += fmt.Sprintf("\n%+v: %s", g.Key, figs(g.Figures))
	}
	return out
}

// TestTrainingQueriesFromTheBook: a query of trainings alone, counted from
// the Book of now (by state, day, topic, level, course and format) when it
// selects and groups by no more than that, and one of values as of a day,
// replayed from the ledgers the Book keeps, equal the query evaluated over
// every entry in force; so does one that needs more, read from the log.
func TestTrainingQueriesFromTheBook(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	fromBook := 0
	checkQueries(t, rng, true, func(q *ctbot.Query) {
		q.Figures = []ctbot.Figure{ctbot.Trainings}
		switch rng.IntN(3) { // what the Book keeps, most of the time
		case 0:
			q.Filter.Since, q.Filter.Until, q.Filter.By, q.Filter.Verified, q.Filter.Evidence = time.Time{}, time.Time{}, nil, 0, 0
			q.Filter.Indicators, q.GroupBy.Person = nil, false
			fromBook++
		case 1: // values as of a day
			q.Figures = []ctbot.Figure{ctbot.Values}
			q.Filter = ctbot.Filter{States: q.Filter.States, Indicators: q.Filter.Indicators, To: q.Filter.To}
			q.GroupBy = ctbot.GroupBy{State: q.GroupBy.State}
			fromBook++
		}
	})
	if fromBook < 200 {
		t.Errorf("only %d queries the Book could answer", fromBook)
	}
}
