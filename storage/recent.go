package storage

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/cttechplus/ctbot"
)

// recent holds the entries of the last days in memory, as a digest's week
// reads them, compactly: in arrays sorted by ID, what the week's counts
// read of each (when recorded, its value date, kind, who, where, and for
// a training what it adds to the totals); workshops, which are few, whole.
// Counting ten thousand entries touches a few hundred kilobytes, and an
// entry costs about 30 bytes (50 for a training), whatever its text.
// Removed entries leave a gap (kind 0).
type recent struct {
	id        []int64 // ascending
	at        []int64 // recording instant, Unix nanoseconds
	day       []int32 // value date, ordinal (ctbot.Date.Ordinal)
	kind      []uint8 // kindCodes; 0 for a gap
	user      []int32 // users
	country   []int16 // countries, -1 for programme-wide
	training  []int32 // index in trainings, -1 for none
	trainings []packedTraining
	workshops []*ctbot.Entry // by ID, ascending
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
var kindCodes = map[ctbot.Kind]uint8{ctbot.KindLog: 1, ctbot.KindTraining: 2, ctbot.KindWorkshop: 3, ctbot.KindKickoff: 4, ctbot.KindIndicator: 5, ctbot.KindReadiness: 6}

func newRecent() *recent {
	return &recent{users: map[string]int32{}, places: map[string]int16{}}
}

// find is the position of entry id, or where it would go.
func (r *recent) find(id int64) (int, bool) {
	return slices.BinarySearch(r.id, id)
}

// set puts e in (a new one, or in place of its earlier version). New
// entries come with the highest IDs, so they are appended; an older one
// (an amendment that moved it into the window) is inserted in its place.
func (r *recent) set(e *ctbot.Entry) {
	i, ok := r.find(e.ID)
	if !ok {
		r.id, r.at, r.day = slices.Insert(r.id, i, e.ID), slices.Insert(r.at, i, 0), slices.Insert(r.day, i, 0)
		r.kind, r.user, r.country = slices.Insert(r.kind, i, 0), slices.Insert(r.user, i, 0), slices.Insert(r.country, i, 0)
		r.training = slices.Insert(r.training, i, -1)
	}
	r.fill(i, e)
	j, found := slices.BinarySearchFunc(r.workshops, e.ID, byID)
	switch {
	case found && e.Kind == ctbot.KindWorkshop:
		r.workshops[j] = e
	case found:
		r.workshops = slices.Delete(r.workshops, j, j+1)
	case e.Kind == ctbot.KindWorkshop:
		r.workshops = slices.Insert(r.workshops, j, e)
	}
}

func byID(e *ctbot.Entry, id int64) int { return cmp.Compare(e.ID, id) }

// add appends e, in any order; sort puts the arrays in order after.
func (r *recent) add(e *ctbot.Entry) {
	r.id, r.at, r.day = append(r.id, e.ID), append(r.at, 0), append(r.day, 0)
	r.kind, r.user, r.country, r.training = append(r.kind, 0), append(r.user, 0), append(r.country, 0), append(r.training, -1)
	r.fill(len(r.id)-1, e)
	if e.Kind == ctbot.KindWorkshop {
		r.workshops = append(r.workshops, e)
	}
}

// fill writes e into position i.
func (r *recent) fill(i int, e *ctbot.Entry) {
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
	if e.Kind == ctbot.KindTraining {
		if r.training[i] < 0 {
			r.training[i] = int32(len(r.trainings))
			r.trainings = append(r.trainings, packedTraining{})
		}
		r.trainings[r.training[i]] = packTraining(e)
	}
}

// remove takes entry id out, if it is in.
func (r *recent) remove(id int64) {
	if i, ok := r.find(id); ok {
		r.kind[i] = 0
	}
	if j, ok := slices.BinarySearchFunc(r.workshops, id, byID); ok {
		r.workshops = slices.Delete(r.workshops, j, j+1)
	}
}

// keep is a copy of r with only the entries keep accepts, given their
// recording instant, kind and value date.
func (r *recent) keep(keep func(at int64, kind uint8, day int32) bool) *recent {
	out := newRecent()
	out.users, out.places = r.users, r.places
	for i, k := range r.kind {
		if k == 0 || !keep(r.at[i], k, r.day[i]) {
			continue
		}
		out.id, out.at, out.day = append(out.id, r.id[i]), append(out.at, r.at[i]), append(out.day, r.day[i])
		out.kind, out.user, out.country = append(out.kind, k), append(out.user, r.user[i]), append(out.country, r.country[i])
		t := int32(-1)
		if r.training[i] >= 0 {
			t = int32(len(out.trainings))
			out.trainings = append(out.trainings, r.trainings[r.training[i]])
		}
		out.training = append(out.training, t)
		if j, ok := slices.BinarySearchFunc(r.workshops, r.id[i], byID); ok {
			out.workshops = append(out.workshops, r.workshops[j])
		}
	}
	return out
}

// sort orders the arrays by ID, as set keeps them, after add.
func (r *recent) sort() {
	slices.SortFunc(r.workshops, func(a, b *ctbot.Entry) int { return cmp.Compare(a.ID, b.ID) })
	if slices.IsSorted(r.id) {
		return
	}
	idx := make([]int, len(r.id))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(r.id[a], r.id[b]) })
	r.id, r.at, r.day = permute(r.id, idx), permute(r.at, idx), permute(r.day, idx)
	r.kind, r.user, r.country, r.training = permute(r.kind, idx), permute(r.user, idx), permute(r.country, idx), permute(r.training, idx)
}

func permute[T any](s []T, idx []int) []T {
	out := make([]T, len(s))
	for i, j := range idx {
		out[i] = s[j]
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
	trainings := make([]ctbot.TrainingTotals, len(r.places)) // by place number
	training, log := kindCodes[ctbot.KindTraining], kindCodes[ctbot.KindLog]
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
		if k == training {
			if d := r.day[i]; d >= f && d <= t && r.country[i] >= 0 {
				trainings[r.country[i]].Merge(r.trainings[r.training[i]].totals(), 1)
			}
		}
	}
	for place, n := range r.places {
		if trainings[n].Count != 0 {
			w.Trainings[place] = trainings[n]
		}
	}
	for _, e := range r.heldLatest(from, to) {
		ws := w.Workshops[e.Country]
		ws.Add(ctbot.WorkshopState(e), 1)
		w.Workshops[e.Country] = ws
	}
	return w
}

// heldLatest are the workshops held in [from, to] by the latest version of
// their series: the held ones in the window, by series, less those a later
// version overrides. Few workshops are held in a week, so the second pass
// only looks them up.
func (r *recent) heldLatest(from, to ctbot.Date) map[int64]*ctbot.Entry {
	held := map[int64]*ctbot.Entry{}
	for _, e := range r.workshops {
		if e.Status == ctbot.StatusHeld && !e.Date.Before(from) && !e.Date.After(to) {
			if cur := held[e.Series]; cur == nil || e.ID > cur.ID {
				held[e.Series] = e
			}
		}
	}
	if len(held) == 0 {
		return nil
	}
	for _, e := range r.workshops {
		if h, ok := held[e.Series]; ok && e.ID > h.ID {
			delete(held, e.Series)
		}
	}
	return held
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
