package storage

import (
	"sort"
	"time"

	"github.com/cttechplus/ctbot"
)

// recent holds the entries of the last days in memory, as a digest's week
// reads them: the entries themselves, and beside them, in arrays, what the
// week's counts read of each (when recorded, its value date, kind, who,
// where), so counting ten thousand entries touches a few hundred
// kilobytes, not the entries. Removed entries leave a gap (kind 0).
type recent struct {
	entries []*ctbot.Entry
	at      []int64 // recording instant, Unix nanoseconds
	day     []int32 // value date, ordinal (ctbot.Date.Ordinal)
	kind    []uint8 // kindCodes; 0 for a gap
	user    []int32 // users
	country []int16 // countries, -1 for programme-wide
	pos     map[int64]int
	users   map[string]int32
	places  map[string]int16
}

// kindCodes number the kinds of entry.
var kindCodes = map[ctbot.Kind]uint8{ctbot.KindLog: 1, ctbot.KindTraining: 2, ctbot.KindWorkshop: 3, ctbot.KindKickoff: 4, ctbot.KindIndicator: 5}

func newRecent(n int) *recent {
	return &recent{entries: make([]*ctbot.Entry, 0, n), at: make([]int64, 0, n), day: make([]int32, 0, n), kind: make([]uint8, 0, n),
		user: make([]int32, 0, n), country: make([]int16, 0, n), pos: make(map[int64]int, n), users: map[string]int32{}, places: map[string]int16{}}
}

// set puts e in (a new one, or in place of its earlier version).
func (r *recent) set(e *ctbot.Entry) {
	i, ok := r.pos[e.ID]
	if !ok {
		i = len(r.entries)
		r.pos[e.ID] = i
		r.entries, r.at, r.day = append(r.entries, nil), append(r.at, 0), append(r.day, 0)
		r.kind, r.user, r.country = append(r.kind, 0), append(r.user, 0), append(r.country, 0)
	}
	u, ok := r.users[e.UserID]
	if !ok {
		u = int32(len(r.users))
		r.users[e.UserID] = u
	}
	c := int16(-1)
	if e.Country != "" {
		var ok bool
		if c, ok = r.places[e.Country]; !ok {
			c = int16(len(r.places))
			r.places[e.Country] = c
		}
	}
	r.entries[i], r.at[i], r.day[i], r.kind[i], r.user[i], r.country[i] = e, e.CreatedAt.UnixNano(), int32(e.Date.Ordinal()), kindCodes[e.Kind], u, c
}

// remove takes entry id out, if it is in.
func (r *recent) remove(id int64) {
	if i, ok := r.pos[id]; ok {
		r.entries[i], r.kind[i] = nil, 0
		delete(r.pos, id)
	}
}

// has reports whether entry id is in.
func (r *recent) has(id int64) bool {
	_, ok := r.pos[id]
	return ok
}

// all are the entries in, in no order.
func (r *recent) all() []*ctbot.Entry {
	out := make([]*ctbot.Entry, 0, len(r.pos))
	for _, e := range r.entries {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// week is ctbot.Week of the entries in; the conformance suite checks the
// two agree.
func (r *recent) week(since, until time.Time, from, to ctbot.Date) *ctbot.WeekActivity {
	w := &ctbot.WeekActivity{Trainings: map[string]ctbot.TrainingTotals{}, Workshops: map[string]ctbot.WorkshopTotals{}}
	s, u := since.UnixNano(), until.UnixNano()
	f, t := int32(from.Ordinal()), int32(to.Ordinal())
	people := make([]bool, len(r.users))
	places := make([]bool, len(r.places))
	latest := map[int64]*ctbot.Entry{}
	trainings := make([]ctbot.TrainingTotals, len(r.places)) // by place number
	training, workshop, log := kindCodes[ctbot.KindTraining], kindCodes[ctbot.KindWorkshop], kindCodes[ctbot.KindLog]
	for i, k := range r.kind {
		if k == 0 {
			continue
		}
		if at := r.at[i]; at > s && at <= u {
			w.Entries++
			if !people[r.user[i]] {
				people[r.user[i]] = true
				w.People++
			}
			if c := r.country[i]; c >= 0 && !places[c] {
				places[c] = true
				w.Countries++
			}
			if k == log {
				w.Logs++
			}
			if r.day[i] < f {
				w.Backfilled++
			}
		}
		switch k {
		case training:
			if d := r.day[i]; d >= f && d <= t && r.country[i] >= 0 {
				trainings[r.country[i]].Add(r.entries[i], 1)
			}
		case workshop:
			e := r.entries[i]
			if cur := latest[e.Series]; cur == nil || e.ID > cur.ID {
				latest[e.Series] = e
			}
		}
	}
	for place, n := range r.places {
		if trainings[n].Count != 0 {
			w.Trainings[place] = trainings[n]
		}
	}
	for _, e := range latest {
		if e.Status == ctbot.StatusHeld && !e.Date.Before(from) && !e.Date.After(to) {
			ws := w.Workshops[e.Country]
			ws.Add(ctbot.WorkshopState(e), 1)
			w.Workshops[e.Country] = ws
		}
	}
	return w
}

// newest are the entries of kind recorded in (since, until], newest
// first, at most limit: only those shown are sorted.
func (r *recent) newest(kind ctbot.Kind, since, until time.Time, limit int) []*ctbot.Entry {
	type found struct {
		at int64
		e  *ctbot.Entry
	}
	var out []found
	k, s, u := kindCodes[kind], since.UnixNano(), until.UnixNano()
	newer := func(at int64, e *ctbot.Entry, b found) bool { return at > b.at || at == b.at && e.ID > b.e.ID }
	// Newest first: entries go in roughly in the order they were recorded,
	// so once limit are found, the rest are older and skipped.
	for i := len(r.kind) - 1; i >= 0; i-- {
		ki, at := r.kind[i], r.at[i]
		if ki != k || at <= s || at > u || len(out) == limit && at < out[limit-1].at {
			continue
		}
		e := r.entries[i]
		if len(out) == limit && !newer(at, e, out[limit-1]) {
			continue
		}
		j := sort.Search(len(out), func(j int) bool { return newer(at, e, out[j]) })
		if len(out) < limit {
			out = append(out, found{})
		}
		copy(out[j+1:], out[j:len(out)-1])
		out[j] = found{at, e}
	}
	es := make([]*ctbot.Entry, len(out))
	for i, f := range out {
		es[i] = f.e
	}
	return es
}
