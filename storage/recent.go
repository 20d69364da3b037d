package storage

import (
	"sort"
	"time"

	"github.com/cttechplus/ctbot"
)

// recent holds the entries of the last days in memory, as a digest's week
// reads them, compactly: in arrays, what the week's counts read of each
// (its ID, when recorded, its value date, kind, who, where, and for a
// training what it adds to the totals); workshops, which are few, whole.
// Counting ten thousand entries touches a few hundred kilobytes, and an
// entry costs about 60 bytes, whatever its text. Removed entries leave a
// gap (kind 0).
type recent struct {
	id        []int64
	at        []int64 // recording instant, Unix nanoseconds
	day       []int32 // value date, ordinal (ctbot.Date.Ordinal)
	kind      []uint8 // kindCodes; 0 for a gap
	user      []int32 // users
	country   []int16 // countries, -1 for programme-wide
	trainings []packedTraining
	workshops map[int]*ctbot.Entry // by position
	pos       map[int64]int
	users     map[string]int32
	places    map[string]int16
}

// packedTraining is what one training adds to ctbot.TrainingTotals.
type packedTraining struct {
	trained, new, women, reported int32
	flags                         uint8
}

const (
	trOnline = 1 << iota
	trUnreported
	trEvidence
	trVerified
)

func packTraining(e *ctbot.Entry) packedTraining {
	var t ctbot.TrainingTotals
	t.Add(e, 1)
	p := packedTraining{trained: int32(t.Trained), new: int32(t.New), women: int32(t.Women), reported: int32(t.Reported)}
	for _, f := range [...]struct {
		n   int
		bit uint8
	}{{t.Online, trOnline}, {t.Unreported, trUnreported}, {t.WithEvidence, trEvidence}, {t.Verified, trVerified}} {
		if f.n != 0 {
			p.flags |= f.bit
		}
	}
	return p
}

func (p packedTraining) totals() ctbot.TrainingTotals {
	bit := func(b uint8) int {
		if p.flags&b != 0 {
			return 1
		}
		return 0
	}
	return ctbot.TrainingTotals{Count: 1, Online: bit(trOnline), Trained: int(p.trained), New: int(p.new), Women: int(p.women),
		Reported: int(p.reported), Unreported: bit(trUnreported), WithEvidence: bit(trEvidence), Verified: bit(trVerified)}
}

// kindCodes number the kinds of entry.
var kindCodes = map[ctbot.Kind]uint8{ctbot.KindLog: 1, ctbot.KindTraining: 2, ctbot.KindWorkshop: 3, ctbot.KindKickoff: 4, ctbot.KindIndicator: 5}

func newRecent(n int) *recent {
	return &recent{id: make([]int64, 0, n), at: make([]int64, 0, n), day: make([]int32, 0, n), kind: make([]uint8, 0, n),
		user: make([]int32, 0, n), country: make([]int16, 0, n), trainings: make([]packedTraining, 0, n),
		workshops: map[int]*ctbot.Entry{}, pos: make(map[int64]int, n), users: map[string]int32{}, places: map[string]int16{}}
}

// set puts e in (a new one, or in place of its earlier version).
func (r *recent) set(e *ctbot.Entry) {
	i, ok := r.pos[e.ID]
	if !ok {
		i = len(r.id)
		r.pos[e.ID] = i
		r.id, r.at, r.day = append(r.id, e.ID), append(r.at, 0), append(r.day, 0)
		r.kind, r.user, r.country = append(r.kind, 0), append(r.user, 0), append(r.country, 0)
		r.trainings = append(r.trainings, packedTraining{})
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
	r.at[i], r.day[i], r.kind[i], r.user[i], r.country[i] = e.CreatedAt.UnixNano(), int32(e.Date.Ordinal()), kindCodes[e.Kind], u, c
	r.trainings[i] = packedTraining{}
	delete(r.workshops, i)
	switch e.Kind {
	case ctbot.KindTraining:
		r.trainings[i] = packTraining(e)
	case ctbot.KindWorkshop:
		r.workshops[i] = e
	}
}

// remove takes entry id out, if it is in.
func (r *recent) remove(id int64) {
	if i, ok := r.pos[id]; ok {
		r.kind[i] = 0
		delete(r.workshops, i)
		delete(r.pos, id)
	}
}

// keep is a copy of r with only the entries keep accepts, given their
// recording instant, kind and value date.
func (r *recent) keep(keep func(at int64, kind uint8, day int32) bool) *recent {
	out := newRecent(len(r.pos))
	out.users, out.places = r.users, r.places
	for i, k := range r.kind {
		if k == 0 || !keep(r.at[i], k, r.day[i]) {
			continue
		}
		j := len(out.id)
		out.pos[r.id[i]] = j
		out.id, out.at, out.day = append(out.id, r.id[i]), append(out.at, r.at[i]), append(out.day, r.day[i])
		out.kind, out.user, out.country = append(out.kind, k), append(out.user, r.user[i]), append(out.country, r.country[i])
		out.trainings = append(out.trainings, r.trainings[i])
		if w := r.workshops[i]; w != nil {
			out.workshops[j] = w
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
				trainings[r.country[i]].Merge(r.trainings[i].totals(), 1)
			}
		case workshop:
			e := r.workshops[i]
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

// newest are the IDs of the entries of kind recorded in (since, until],
// newest first, at most limit: only those shown are sorted.
func (r *recent) newest(kind ctbot.Kind, since, until time.Time, limit int) []int64 {
	type found struct{ at, id int64 }
	var out []found
	k, s, u := kindCodes[kind], since.UnixNano(), until.UnixNano()
	newer := func(a, b found) bool { return a.at > b.at || a.at == b.at && a.id > b.id }
	// Newest first: entries go in roughly in the order they were recorded,
	// so once limit are found, the rest are older and skipped.
	for i := len(r.kind) - 1; i >= 0; i-- {
		f := found{r.at[i], r.id[i]}
		if r.kind[i] != k || f.at <= s || f.at > u || len(out) == limit && !newer(f, out[limit-1]) {
			continue
		}
		j := sort.Search(len(out), func(j int) bool { return newer(f, out[j]) })
		if len(out) < limit {
			out = append(out, found{})
		}
		copy(out[j+1:], out[j:len(out)-1])
		out[j] = f
	}
	ids := make([]int64, len(out))
	for i, f := range out {
		ids[i] = f.id
	}
	return ids
}
