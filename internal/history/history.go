// Package history makes random histories of entries for tests: the
// entries people record, amend and retract, as ctbot's rules allow, with
// the versions in force at every instant. The figures engine and every
// store are checked against them.
package history

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
)

// Countries and Indicators are those a history uses.
var (
	Countries  = []string{"KE", "GH", "NG"}
	Indicators = []string{"unsr-recs", "investigators-trained", "women-policy", "intl-investigation"}
)

// Model is a history: every version of every entry, as recorded.
type Model struct {
	Rng      *rand.Rand
	Fw       *ctbot.Framework
	Versions []*ctbot.Entry
	latest   map[int64]*ctbot.Entry
	series   map[string][]int64
	next     int64 // the ID Step gives the next entry recorded
}

// New starts a history on framework fw with seed.
func New(fw *ctbot.Framework, seed uint64) *Model {
	return &Model{Rng: rand.New(rand.NewPCG(seed, 7)), Fw: fw, latest: map[int64]*ctbot.Entry{}, series: map[string][]int64{}, next: 1}
}

// Op is a kind of change.
type Op int

// Changes.
const (
	Record Op = iota
	Amend
	Retract
)

// Next picks the next change: an operation, and the entry it is about
// (a new entry to record, or the current version of one in force).
func (m *Model) Next() (Op, *ctbot.Entry) {
	switch r := m.Rng.IntN(10); {
	case r < 6 || len(m.latest) == 0:
		return Record, nil
	case r < 8:
		return Amend, m.Pick()
	default:
		return Retract, m.Pick()
	}
}

// Step makes the next change at instant now and notes it: a new entry
// recorded (numbered in turn, a kick-off joining its state's series), an
// amendment, a retraction or a redaction. It returns the version the
// change replaces and the one it makes, as Book.Apply takes them.
func (m *Model) Step(now time.Time) (before, after *ctbot.Entry) {
	op, cur := m.Next()
	switch {
	case op == Record:
		e := m.Entry(ctbot.DateOf(now.In(m.Fw.Location)))
		e.ID, e.CreatedAt = m.next, now
		m.next++
		if e.Series == 0 && (e.Kind == ctbot.KindWorkshop || e.Kind == ctbot.KindKickoff) {
			e.Series = e.ID
			if k := m.kickoff(e.Country); e.Kind == ctbot.KindKickoff && k != 0 {
				e.Series = k
			}
		}
		return nil, m.Recorded(e)
	case op == Amend:
		return cur, m.Amended(cur, m.Amendment(cur), now)
	case m.Rng.IntN(4) == 0:
		return m.Redacted(cur)
	}
	m.Retracted(cur, now)
	return cur, nil
}

// kickoff is the series of country's kick-off (its first one's), or 0.
func (m *Model) kickoff(country string) int64 {
	for _, v := range m.Versions {
		if v.Kind == ctbot.KindKickoff && v.Country == country {
			return v.Series
		}
	}
	return 0
}

// Recorded notes that e was recorded (its ID set) at its CreatedAt.
func (m *Model) Recorded(e *ctbot.Entry) *ctbot.Entry {
	v := *e
	v.Version, v.KnownFrom = 1, e.CreatedAt
	m.add(&v)
	if e.Kind == ctbot.KindWorkshop && e.Series == e.ID {
		m.series[e.Country] = append(m.series[e.Country], e.ID)
	}
	return &v
}

// Amended notes that cur was amended to after at instant at, and returns
// the new version.
func (m *Model) Amended(cur, after *ctbot.Entry, at time.Time) *ctbot.Entry {
	v := *after
	v.ID, v.Kind, v.Series, v.UserID, v.CreatedAt = cur.ID, cur.Kind, cur.Series, cur.UserID, cur.CreatedAt
	v.Version, v.KnownFrom = cur.Version+1, at
	m.add(&v)
	return &v
}

// Retracted notes that cur was retracted at instant at.
func (m *Model) Retracted(cur *ctbot.Entry, at time.Time) {
	for _, v := range m.Versions {
		if v.ID == cur.ID {
			v.Retracted, v.RetractedAt = true, at
		}
	}
	delete(m.latest, cur.ID)
}

func (m *Model) add(v *ctbot.Entry) {
	m.Versions = append(m.Versions, v)
	m.latest[v.ID] = v
}

// InForce are the versions in force at instant at.
func (m *Model) InForce(at time.Time) []*ctbot.Entry { return ctbot.KnownAt(m.Versions, at) }

// Pick returns a random entry in force, or nil.
func (m *Model) Pick() *ctbot.Entry {
	ids := make([]int64, 0, len(m.latest))
	for id := range m.latest {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	return m.latest[ids[m.Rng.IntN(len(ids))]]
}

// Entry is a random new entry recorded on day today (dated up to 40 days
// before, a backfill now and then).
func (m *Model) Entry(today ctbot.Date) *ctbot.Entry {
	rng := m.Rng
	c := Countries[rng.IntN(len(Countries))]
	e := &ctbot.Entry{Country: c, Date: today.AddDays(-rng.IntN(40)), UserID: fmt.Sprintf("U%d", rng.IntN(3))}
	switch rng.IntN(7) {
	case 0:
		e.Kind, e.Title, e.Trained, e.Online = ctbot.KindTraining, "t", 5+rng.IntN(20), rng.IntN(2) == 0
		e.New = rng.IntN(e.Trained + 1)
		if rng.IntN(3) > 0 {
			e.Women = ctbot.Int(rng.IntN(e.Trained + 1))
		}
		m.course(e)
		daysAndNewWomen(e, today)
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
		e.Kind, e.Indicator, e.Op, e.Value = ctbot.KindIndicator, Indicators[rng.IntN(len(Indicators))], ctbot.OpAdd, int64(rng.IntN(4))
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

// course names a training's topic and level, or not, now and then; a
// training of even size names the catalogue's course of that topic and
// level, if there is one.
func (m *Model) course(e *ctbot.Entry) {
	e.Topic, e.Level, e.Course = "", "", ""
	if m.Rng.IntN(3) > 0 {
		e.Topic = ctbot.DefaultTopics[m.Rng.IntN(len(ctbot.DefaultTopics))]
		if m.Rng.IntN(4) > 0 {
			e.Level = ctbot.CourseLevels[m.Rng.IntN(len(ctbot.CourseLevels))]
		}
	}
	for _, c := range m.Fw.Courses {
		if c.Topic == e.Topic && c.Level == e.Level && e.Trained%2 == 0 {
			e.Course = c.Code
		}
	}
}

// daysAndNewWomen makes some trainings last two days (those ended by
// today) and tells the women among the new people of some, from what was
// drawn already: a seed's history stays the same.
func daysAndNewWomen(e *ctbot.Entry, today ctbot.Date) {
	e.DateTo, e.NewWomen = ctbot.Date{}, nil
	if e.Trained%4 == 1 && e.Date.Before(today) {
		e.DateTo = e.Date.AddDays(1)
	}
	if e.Women != nil && e.Trained%3 == 0 {
		e.NewWomen = ctbot.Int(min(*e.Women, e.New))
	}
}

// scores are a random readiness assessment.
func (m *Model) scores() map[string]int {
	out := map[string]int{}
	for _, p := range m.Fw.Readiness.Pillars {
		if m.Rng.IntN(4) > 0 {
			out[p] = m.Rng.IntN(m.Fw.Readiness.Max() + 1)
		}
	}
	if len(out) == 0 {
		out["policy"] = 0
	}
	return out
}

// evidence gives e evidence, and a verification, now and then.
func (m *Model) evidence(e *ctbot.Entry) {
	e.Evidence, e.Link, e.VerifiedBy = "", "", ""
	switch m.Rng.IntN(4) {
	case 0:
		e.Evidence = "sheet"
	case 1:
		e.Link, e.VerifiedBy = "https://example.org/x", "UCOORD"
	}
}

// Amendment changes some fields of cur the way /ct amend can.
func (m *Model) Amendment(cur *ctbot.Entry) *ctbot.Entry {
	rng := m.Rng
	after := *cur
	switch rng.IntN(4) {
	case 0:
		after.Date = cur.Date.AddDays(rng.IntN(21) - 10)
	case 1:
		after.Country = Countries[rng.IntN(len(Countries))]
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
		daysAndNewWomen(&after, after.Date.AddDays(1))
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

// Redacted blanks the free text of every version of cur (its evidence
// and link become placeholders, as a redaction leaves them) and returns
// the current version as it was before and as it is now.
func (m *Model) Redacted(cur *ctbot.Entry) (before, after *ctbot.Entry) {
	was := *cur
	for _, v := range m.Versions {
		if v.ID == cur.ID {
			v.Title, v.Note, v.Redacted = "", "", true
			if v.Evidence != "" {
				v.Evidence = "[redacted]"
			}
			if v.Link != "" {
				v.Link = "https://redacted.invalid/"
			}
		}
	}
	return &was, m.latest[cur.ID]
}
