package storagetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// Store is what the conformance suite asks of a store.
type Store interface {
	Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Amend(ctx context.Context, id int64, after *ctbot.Entry, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Snapshot(ctx context.Context, fw *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error)
	WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error)
	EntriesKnownAt(ctx context.Context, t time.Time) ([]*ctbot.Entry, error)
	EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error
	EntriesAt(ctx context.Context, kind ctbot.Kind, since, until time.Time, limit int) ([]*ctbot.Entry, error)
}

// Run proves a store against ctbot's rules. It writes random histories
// (records with backfilled value dates, sets and adds out of order,
// amendments, retractions, over days and at all hours) and, as it goes and
// at many past instants, compares the store's Snapshot, WeekActivity and
// EntriesKnownAt with
// ctbot.Fold and ctbot.Week of the entry versions the suite itself knows
// were in force then. Any store can be run through it.
func Run(t *testing.T, open func(t *testing.T, c clock.Clock) Store) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			clock := fakeclock.At("2026-05-01T06:00:00Z")
			m := &model{t: t, store: open(t, clock), clock: clock, rng: rand.New(rand.NewPCG(seed, 7)), fw: config.Default().Framework}
			var checkpoints []time.Time
			for i := range 300 {
				m.step()
				// The figures of now, which a store may keep in memory and
				// bring up to date with each change, are checked as they go.
				if i%2 == 0 {
					m.check(clock.Now())
				}
				if i%25 == 0 {
					checkpoints = append(checkpoints, clock.Now(), clock.Now().Add(-time.Microsecond), m.lastChange.Add(-time.Microsecond))
				}
				clock.Advance(time.Duration(10+m.rng.IntN(400)) * time.Minute)
			}
			checkpoints = append(checkpoints, clock.Now(), clock.Now().Add(72*time.Hour))
			for _, at := range checkpoints {
				m.check(at)
			}
		})
	}
}

// model is the suite's own record of every version of every entry.
type model struct {
	t          *testing.T
	store      Store
	clock      *fakeclock.Clock
	rng        *rand.Rand
	fw         *ctbot.Framework
	versions   []*ctbot.Entry
	latest     map[int64]*ctbot.Entry
	series     map[string][]int64
	lastChange time.Time
}

var (
	countries  = []string{"KE", "GH", "NG"}
	indicators = []string{"unsr-recs", "investigators-trained", "women-policy", "intl-investigation"}
)

func (m *model) step() {
	ctx := context.Background()
	if m.latest == nil {
		m.latest, m.series = map[int64]*ctbot.Entry{}, map[string][]int64{}
	}
	switch r := m.rng.IntN(10); {
	case r < 6 || len(m.latest) == 0:
		e := m.randomEntry()
		if _, err := m.store.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
			m.t.Fatal(err)
		}
		v := *e
		v.Version, v.KnownFrom = 1, e.CreatedAt
		m.add(&v)
		if e.Kind == ctbot.KindWorkshop && e.Series == e.ID {
			m.series[e.Country] = append(m.series[e.Country], e.ID)
		}
	case r < 8:
		cur := m.pick()
		if cur == nil {
			return
		}
		after := m.amended(cur)
		if _, err := m.store.Amend(ctx, cur.ID, after, "U2", "test", ctbot.WriteOptions{}); err != nil {
			if errors.Is(err, ctbot.ErrNothingChanged) {
				return
			}
			m.t.Fatal(err)
		}
		after.ID, after.Kind, after.Series, after.UserID, after.CreatedAt = cur.ID, cur.Kind, cur.Series, cur.UserID, cur.CreatedAt
		after.Version, after.KnownFrom = cur.Version+1, m.clock.Now()
		m.add(after)
	default:
		cur := m.pick()
		if cur == nil {
			return
		}
		if _, err := m.store.Retract(ctx, cur.ID, "U2", "test", ctbot.WriteOptions{}); err != nil {
			m.t.Fatal(err)
		}
		for _, v := range m.versions {
			if v.ID == cur.ID {
				v.Retracted, v.RetractedAt = true, m.clock.Now()
			}
		}
		delete(m.latest, cur.ID)
	}
	m.lastChange = m.clock.Now()
}

func (m *model) add(v *ctbot.Entry) {
	m.versions = append(m.versions, v)
	m.latest[v.ID] = v
}

// pick returns a random entry in force, or nil.
func (m *model) pick() *ctbot.Entry {
	ids := make([]int64, 0, len(m.latest))
	for id := range m.latest {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if len(ids) == 0 {
		return nil
	}
	return m.latest[ids[m.rng.IntN(len(ids))]]
}

func (m *model) randomEntry() *ctbot.Entry {
	rng := m.rng
	today := ctbot.DateOf(m.clock.Now())
	c := countries[rng.IntN(len(countries))]
	e := &ctbot.Entry{Country: c, Date: today.AddDays(-rng.IntN(40)), UserID: fmt.Sprintf("U%d", rng.IntN(3))}
	switch rng.IntN(7) {
	case 0:
		e.Kind, e.Title, e.Trained, e.Online = ctbot.KindTraining, "t", 5+rng.IntN(20), rng.IntN(2) == 0
		e.New = rng.IntN(e.Trained + 1)
		if rng.IntN(3) > 0 {
			e.Women = ctbot.Int(rng.IntN(e.Trained + 1))
		}
		m.course(e)
	case 1:
		e.Kind, e.Title = ctbot.KindWorkshop, "w"
		e.Status = ctbot.Statuses[rng.IntN(4)]
		if e.Status == ctbot.StatusHeld {
			e.Participants = 10 + rng.IntN(10)
			if rng.IntN(2) == 0 {
				e.Women = ctbot.Int(rng.IntN(10))
			}
			if rng.IntN(2) == 0 {
				e.Scores = m.scores()
			}
		}
		if ss := m.series[c]; len(ss) > 0 && rng.IntN(2) == 0 {
			e.Series = ss[rng.IntN(len(ss))]
		}
	case 2:
		e.Kind, e.Status = ctbot.KindKickoff, ctbot.Statuses[rng.IntN(3)]
	case 3:
		e.Kind, e.Indicator, e.Op, e.Value = ctbot.KindIndicator, indicators[rng.IntN(len(indicators))], ctbot.OpAdd, int64(rng.IntN(4))
		if e.Indicator == "intl-investigation" {
			e.Country = ""
		}
		if rng.IntN(3) == 0 {
			e.Op = ctbot.OpSet
		}
		if e.Indicator == "women-policy" {
			e.Denom = e.Value + int64(rng.IntN(5))
		}
	case 4:
		e.Kind, e.Indicator, e.Op, e.Stage = ctbot.KindIndicator, "strategies", ctbot.OpStage, []string{"drafting", "validated", "adopted"}[rng.IntN(3)]
	case 5:
		e.Kind, e.Scores = ctbot.KindReadiness, m.scores()
	default:
		e.Kind, e.Note = ctbot.KindLog, "n"
	}
	m.evidence(e)
	return e
}

// course names a training's topic and level, or not, now and then.
func (m *model) course(e *ctbot.Entry) {
	e.Topic, e.Level = "", ""
	if m.rng.IntN(3) > 0 {
		e.Topic = ctbot.DefaultTopics[m.rng.IntN(len(ctbot.DefaultTopics))]
		if m.rng.IntN(4) > 0 {
			e.Level = ctbot.CourseLevels[m.rng.IntN(len(ctbot.CourseLevels))]
		}
	}
}

// scores are a random readiness assessment.
func (m *model) scores() map[string]int {
	out := map[string]int{}
	for _, p := range m.fw.Readiness.Pillars {
		if m.rng.IntN(4) > 0 {
			out[p] = m.rng.IntN(m.fw.Readiness.Max() + 1)
		}
	}
	if len(out) == 0 {
		out["policy"] = 0
	}
	return out
}

// evidence gives e evidence, and a verification, now and then.
func (m *model) evidence(e *ctbot.Entry) {
	e.Evidence, e.Link, e.VerifiedBy = "", "", ""
	switch m.rng.IntN(4) {
	case 0:
		e.Evidence = "sheet"
	case 1:
		e.Link, e.VerifiedBy = "https://example.org/x", "UCOORD"
	}
}

// amended changes some fields of cur the way /ct amend can.
func (m *model) amended(cur *ctbot.Entry) *ctbot.Entry {
	rng := m.rng
	after := *cur
	switch rng.IntN(4) {
	case 0:
		after.Date = cur.Date.AddDays(rng.IntN(21) - 10)
	case 1:
		after.Country = countries[rng.IntN(len(countries))]
		if after.Kind == ctbot.KindIndicator && after.Indicator == "intl-investigation" {
			after.Country = ""
		}
	}
	switch after.Kind {
	case ctbot.KindTraining:
		after.Trained = 5 + rng.IntN(30)
		after.New = rng.IntN(after.Trained + 1)
		if rng.IntN(2) == 0 {
			after.Women = ctbot.Int(rng.IntN(after.Trained + 1))
		} else {
			after.Women = nil
		}
		if rng.IntN(2) == 0 {
			m.course(&after)
		}
	case ctbot.KindReadiness:
		after.Scores = m.scores()
	case ctbot.KindWorkshop:
		after.Status = ctbot.Statuses[rng.IntN(4)]
		after.Participants = rng.IntN(30)
	case ctbot.KindIndicator:
		if after.Op == ctbot.OpStage {
			after.Stage = []string{"drafting", "validated", "adopted"}[rng.IntN(3)]
		} else {
			after.Value = int64(rng.IntN(6))
			if after.Denom > 0 {
				after.Denom = after.Value + int64(rng.IntN(4))
			}
		}
	default:
		after.Note = fmt.Sprintf("n%d", rng.IntN(100))
	}
	if rng.IntN(2) == 0 {
		m.evidence(&after)
	}
	return &after
}

// check compares the store with the rules at instant at.
func (m *model) check(at time.Time) {
	m.t.Helper()
	ctx := context.Background()
	inForce := ctbot.KnownAt(m.versions, at)
	got, err := m.store.Snapshot(ctx, m.fw, at)
	if err != nil {
		m.t.Fatal(err)
	}
	Compare(m.t, at, got, m.fw.Fold(inForce, ctbot.Date{}))
	until := at
	since := until.Add(-7 * 24 * time.Hour)
	from, to := ctbot.DateOf(since), ctbot.DateOf(until).AddDays(-1)
	week, err := m.store.WeekActivity(ctx, since, until, from, to)
	if err != nil {
		m.t.Fatal(err)
	}
	if want := ctbot.Week(inForce, since, until, from, to); !reflect.DeepEqual(week, want) {
		m.t.Errorf("week activity at %s:\n got %+v\nwant %+v", at.Format(time.RFC3339Nano), week, want)
	}
	for _, kind := range []ctbot.Kind{ctbot.KindLog, ctbot.KindTraining} {
		newest, err := m.store.EntriesAt(ctx, kind, since, until, 5)
		if err != nil {
			m.t.Fatal(err)
		}
		if got, want := newestKeys(newest), newestKeys(newestOf(inForce, kind, since, until, 5)); !reflect.DeepEqual(got, want) {
			m.t.Errorf("newest %s entries at %s:\n got %v\nwant %v", kind, at.Format(time.RFC3339Nano), got, want)
		}
	}
	known, err := m.store.EntriesKnownAt(ctx, at)
	if err != nil {
		m.t.Fatal(err)
	}
	if got, want := versionKeys(known), versionKeys(inForce); !reflect.DeepEqual(got, want) {
		m.t.Errorf("entries known at %s:\n got %v\nwant %v", at.Format(time.RFC3339Nano), got, want)
	}
	m.checkStream(at, inForce)
}

// checkStream compares the entries a store streams as known at an instant,
// of some kinds and up to a day, with those in force then, in value order.
func (m *model) checkStream(at time.Time, inForce []*ctbot.Entry) {
	kinds := [][]ctbot.Kind{nil, {ctbot.KindIndicator, ctbot.KindTraining}, {ctbot.KindWorkshop}}[m.rng.IntN(3)]
	through := ctbot.Date{}
	if m.rng.IntN(2) == 0 {
		through = ctbot.DateOf(at).AddDays(m.rng.IntN(20) - 10)
	}
	var got, want []*ctbot.Entry
	err := m.store.EachKnownAt(context.Background(), at, kinds, through, func(e *ctbot.Entry) error { got = append(got, e); return nil })
	if err != nil {
		m.t.Fatal(err)
	}
	for _, e := range inForce {
		if (kinds == nil || slices.Contains(kinds, e.Kind)) && (through.IsZero() || !e.Date.After(through)) {
			want = append(want, e)
		}
	}
	ctbot.ValueOrder(want)
	if g, w := orderedKeys(got), orderedKeys(want); !reflect.DeepEqual(g, w) {
		m.t.Errorf("entries known at %s, %v through %s, in value order:\n got %v\nwant %v", at.Format(time.RFC3339Nano), kinds, through, g, w)
	}
}

// orderedKeys describes entry versions in the order given.
func orderedKeys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("#%d v%d %s %s", e.ID, e.Version, e.Kind, e.Date)
	}
	return out
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

// newestKeys describes entry versions in order, with their notes.
func newestKeys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("#%d v%d %q %q", e.ID, e.Version, e.Title, e.Note)
	}
	return out
}

// versionKeys describes entry versions by what the figures read of them.
func versionKeys(es []*ctbot.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = fmt.Sprintf("#%d v%d %s %s %s %s %d/%d %s %d %d %d %v", e.ID, e.Version, e.Kind, e.Country, e.Date, e.Status,
			e.Value, e.Denom, e.Stage, e.Trained, e.New, e.Participants, e.WomenOr(-1))
	}
	sort.Strings(out)
	return out
}

// Compare fails t unless snapshot got equals want: every figure, and the
// same entries (by ID and version) for kick-offs and open events.
func Compare(t *testing.T, at time.Time, got, want *ctbot.Snapshot) {
	t.Helper()
	when := at.Format(time.RFC3339Nano)
	if !reflect.DeepEqual(got.Trainings, want.Trainings) {
		t.Errorf("%s trainings:\n got %+v\nwant %+v", when, got.Trainings, want.Trainings)
	}
	if !reflect.DeepEqual(got.Workshops, want.Workshops) {
		t.Errorf("%s workshops:\n got %+v\nwant %+v", when, got.Workshops, want.Workshops)
	}
	if g, w := values(got.Indicators), values(want.Indicators); !reflect.DeepEqual(g, w) {
		t.Errorf("%s indicators:\n got %v\nwant %v", when, g, w)
	}
	if g, w := entryIDs(got.Open), entryIDs(want.Open); !reflect.DeepEqual(g, w) {
		t.Errorf("%s open events: got %v, want %v", when, g, w)
	}
	if g, w := kickoffIDs(got.Kickoffs), kickoffIDs(want.Kickoffs); !reflect.DeepEqual(g, w) {
		t.Errorf("%s kick-offs: got %v, want %v", when, g, w)
	}
	if !reflect.DeepEqual(got.Courses, want.Courses) {
		t.Errorf("%s trainings by topic and level:\n got %+v\nwant %+v", when, got.Courses, want.Courses)
	}
	if g, w := profiles(got.Readiness), profiles(want.Readiness); !reflect.DeepEqual(g, w) {
		t.Errorf("%s readiness: got %v, want %v", when, g, w)
	}
	if !reflect.DeepEqual(got.LastEntry, want.LastEntry) {
		t.Errorf("%s last entries:\n got %v\nwant %v", when, got.LastEntry, want.LastEntry)
	}
}

// values are indicator values without the count of entries behind them,
// which a store need not know (only whether there are any).
func values(m map[ctbot.IndicatorKey]ctbot.IndicatorValue) map[ctbot.IndicatorKey]string {
	out := map[ctbot.IndicatorKey]string{}
	for k, v := range m {
		out[k] = fmt.Sprintf("value %d/%d stage %q (before %q) source %d adjusted %d data %v evidence %+v", v.Value, v.Denom, v.Stage, v.StageBefore,
			v.FromSource, v.Adjusted, v.HasData(), v.Evidence)
	}
	return out
}

// profiles are readiness profiles as the entries' IDs, versions and scores.
func profiles(m map[string]ctbot.ReadinessProfile) map[string]string {
	out := map[string]string{}
	for c, p := range m {
		out[c] = fmt.Sprint(entryIDs([]*ctbot.Entry{p.Latest}), p.Latest.Scores)
		if p.Previous != nil {
			out[c] += fmt.Sprint(" after ", entryIDs([]*ctbot.Entry{p.Previous}), p.Previous.Scores)
		}
	}
	return out
}

func entryIDs(es []*ctbot.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("#%d v%d %s %s", e.ID, e.Version, e.Status, e.Date))
	}
	return out
}

func kickoffIDs(m map[string]*ctbot.Entry) map[string]string {
	out := map[string]string{}
	for c, e := range m {
		out[c] = fmt.Sprintf("#%d v%d %s %s", e.ID, e.Version, e.Status, e.Date)
	}
	return out
}
