package ctbot

import (
	"slices"
	"sort"
	"time"
)

// window is the entries in force recorded from an instant on, in a few
// words each (about 40 bytes, whatever their text), by ID: what a week's
// activity counts of what was recorded in it.
type window struct {
	from   time.Time
	ids    []int64
	rec    []recorded
	users  map[string]int32
	places map[string]int16
}

// recorded is what the week's activity reads of an entry.
type recorded struct {
	at      int64 // Unix nanoseconds
	day     int32 // value date, Date.Ordinal
	user    int32 // in users
	country int16 // in places
	kind    Kind
}

func newWindow(from time.Time) *window {
	return &window{from: from, users: map[string]int32{}, places: map[string]int16{}}
}

func (w *window) count(e *Entry, sign int) {
	if e.CreatedAt.Before(w.from) {
		return
	}
	i, found := slices.BinarySearch(w.ids, e.ID)
	if sign < 0 {
		if found {
			w.ids, w.rec = slices.Delete(w.ids, i, i+1), slices.Delete(w.rec, i, i+1)
		}
		return
	}
	user, ok := w.users[e.UserID]
	if !ok {
		user = int32(len(w.users))
		w.users[e.UserID] = user
	}
	place, ok := w.places[e.Country]
	if !ok {
		place = int16(len(w.places))
		w.places[e.Country] = place
	}
	r := recorded{at: e.CreatedAt.UnixNano(), day: int32(e.Date.Ordinal()), user: user, country: place, kind: e.Kind}
	if found {
		w.rec[i] = r
		return
	}
	w.ids, w.rec = slices.Insert(w.ids, i, e.ID), slices.Insert(w.rec, i, r)
}

// WindowFrom is when the window of what was recorded starts.
func (b *Book) WindowFrom() time.Time { return b.window.from }

// Forget drops the entries recorded before from from the window: what
// the week's activity and Newest can answer then starts at from.
func (b *Book) Forget(from time.Time) {
	w := b.window
	if !from.After(w.from) {
		return
	}
	n := from.UnixNano()
	keep := 0
	for i, r := range w.rec {
		if r.at >= n {
			w.ids[keep], w.rec[keep] = w.ids[i], r
			keep++
		}
	}
	w.ids, w.rec, w.from = w.ids[:keep], w.rec[:keep], from
}

// Week is the activity of a period as the Book has it: the entries
// recorded in (since, until], and the trainings and workshops held from
// day from to day to. ok is false when the window does not reach back to
// since. Entries recorded after until count as not there; changes made
// after until to earlier entries are the caller's to rule out.
func (b *Book) Week(since, until time.Time, from, to Date) (w *WeekActivity, ok bool) {
	if since.Before(b.window.from) {
		return nil, false
	}
	w = &WeekActivity{Trainings: map[string]TrainingTotals{}, Workshops: map[string]WorkshopTotals{}}
	s, u := since.UnixNano(), until.UnixNano()
	people := map[int32]bool{}
	places := map[int16]bool{}
	f := int32(from.Ordinal())
	for _, r := range b.window.rec {
		if r.at <= s || r.at > u {
			continue
		}
		w.Entries++
		people[r.user] = true
		if r.kind == KindLog {
			w.Logs++
		}
		if r.day < f {
			w.Backfilled++
		}
		places[r.country] = true
	}
	if p, ok := b.window.places[""]; ok && places[p] {
		delete(places, p) // programme-wide entries cover no country
	}
	w.People, w.Countries = len(people), len(places)
	for d := from; !d.After(to); d = d.AddDays(1) {
		day := int32(d.Ordinal())
		for _, c := range b.fw.countryCodes() {
			if t, ok := b.daily[dayKey{c, day}]; ok {
				sum := w.Trainings[c]
				sum.Merge(t, 1)
				w.Trainings[c] = sum
			}
			if h, ok := b.held[dayKey{c, day}]; ok {
				sum := w.Workshops[c]
				sum.Add(h, 1)
				w.Workshops[c] = sum
			}
		}
	}
	return w, true
}

// Newest are the IDs of the entries of kind recorded in (since, until],
// newest first, at most limit; ok is false when the window does not reach
// back to since.
func (b *Book) Newest(kind Kind, since, until time.Time, limit int) (ids []int64, ok bool) {
	if since.Before(b.window.from) {
		return nil, false
	}
	type found struct{ at, id int64 }
	var out []found
	s, u := since.UnixNano(), until.UnixNano()
	newer := func(a, b found) bool { return a.at > b.at || a.at == b.at && a.id > b.id }
	for i := len(b.window.rec) - 1; i >= 0; i-- {
		r := b.window.rec[i]
		f := found{r.at, b.window.ids[i]}
		if r.kind != kind || r.at <= s || r.at > u || len(out) == limit && !newer(f, out[limit-1]) {
			continue
		}
		j := sort.Search(len(out), func(j int) bool { return newer(f, out[j]) })
		if len(out) < limit {
			out = append(out, found{})
		}
		copy(out[j+1:], out[j:len(out)-1])
		out[j] = f
	}
	ids = make([]int64, len(out))
	for i, f := range out {
		ids[i] = f.id
	}
	return ids, true
}

// Earlier are the IDs of the entries recorded in (since, until] about a
// day before day before, by value date (then ID), at most limit: what was
// reported late. ok is false when the window does not reach back to
// since.
func (b *Book) Earlier(before Date, since, until time.Time, limit int) (ids []int64, ok bool) {
	if since.Before(b.window.from) {
		return nil, false
	}
	type found struct {
		day int32
		id  int64
	}
	var out []found
	s, u, d := since.UnixNano(), until.UnixNano(), int32(before.Ordinal())
	for i, r := range b.window.rec {
		if r.at > s && r.at <= u && r.day < d {
			out = append(out, found{r.day, b.window.ids[i]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].day < out[j].day || out[i].day == out[j].day && out[i].id < out[j].id
	})
	ids = make([]int64, 0, min(len(out), limit))
	for _, f := range out[:min(len(out), limit)] {
		ids = append(ids, f.id)
	}
	return ids, true
}
