package ctbot

import "slices"

// series is a kick-off's or a workshop's entries in force, by ID: the
// latest decides the event's state. Each is kept in a few words; the
// latest is also kept whole while it is shown (an open workshop, a
// kick-off), as it was given.
type series struct {
	kind    Kind
	members []member
	top     *Entry
}

// member is what an event's entry tells of it.
type member struct {
	id           int64
	version      int32
	date         int32 // Date.Ordinal
	participants int32
	women        int32 // -1: not reported
	status       Status
	country      string
	title        string
}

func (b *Book) memberOf(e *Entry) member {
	m := member{id: e.ID, version: int32(e.Version), date: int32(e.Date.Ordinal()), participants: int32(e.Participants),
		women: -1, status: Status(b.intern(string(e.Status))), country: b.intern(e.Country), title: e.Title}
	if e.Women != nil {
		m.women = int32(*e.Women)
	}
	return m
}

// latest is the member that decides (the series is never empty).
func (s *series) latest() member { return s.members[len(s.members)-1] }

// entry is member m of series id as an entry: the whole one if kept,
// else made of what the member holds.
func (s *series) entry(id int64, m member) *Entry {
	if s.top != nil && s.top.ID == m.id {
		return s.top
	}
	e := &Entry{ID: m.id, Version: int(m.version), Kind: s.kind, Country: m.country, Date: dateOfOrdinal(m.date), Status: m.status,
		Title: m.title, Series: id, Participants: int(m.participants)}
	if m.women >= 0 {
		e.Women = Int(int(m.women))
	}
	return e
}

// countEvent adds (sign 1) or takes away (sign -1) e from its series, and
// what the series gives from what its latest entry was to what it is.
func (b *Book) countEvent(e *Entry, sign int) {
	s := b.series[e.Series]
	if s == nil {
		s = &series{kind: e.Kind}
		b.series[e.Series] = s
	}
	var was *member
	if len(s.members) > 0 {
		m := s.latest()
		was = &m
	}
	i, found := slices.BinarySearchFunc(s.members, e.ID, func(m member, id int64) int { return int(m.id - id) })
	switch {
	case sign > 0 && !found:
		s.members = slices.Insert(s.members, i, b.memberOf(e))
	case sign < 0 && found:
		s.members = slices.Delete(s.members, i, i+1)
	}
	var now *member
	if len(s.members) > 0 {
		m := s.latest()
		now = &m
	}
	if was != nil {
		b.eventGives(e.Series, s, *was, -1)
	}
	switch {
	case now == nil:
		delete(b.series, e.Series)
		return
	case sign > 0 && now.id == e.ID && (s.kind == KindKickoff || e.Status.Open()):
		s.top = e
	case s.top != nil && s.top.ID != now.id:
		s.top = nil
	}
	b.eventGives(e.Series, s, *now, 1)
}

// eventGives adds (sign 1) or takes away (sign -1) what series id gives
// when m is its latest entry: a held workshop to its state's totals, an
// open one to the events to come; a kick-off is the state's kick-off.
func (b *Book) eventGives(id int64, s *series, m member, sign int) {
	k := seriesKey{s.kind, m.country}
	if sign > 0 {
		if b.byState[k] == nil {
			b.byState[k] = map[int64]bool{}
		}
		b.byState[k][id] = true
	} else if delete(b.byState[k], id); len(b.byState[k]) == 0 {
		delete(b.byState, k)
	}
	if s.kind == KindKickoff {
		if sign > 0 {
			b.kickoffs[id] = true
		} else {
			delete(b.kickoffs, id)
		}
		return
	}
	if m.status.Open() {
		if sign > 0 {
			b.open[id] = true
		} else {
			delete(b.open, id)
		}
	}
	if m.status != StatusHeld || !b.inRange(dateOfOrdinal(m.date)) {
		return
	}
	w := WorkshopState(s.entry(id, m))
	addWorkshops(b.workshops, m.country, w, sign)
	addWorkshops(b.held, dayKey{m.country, m.date}, w, sign)
}

// addWorkshops adds (sign 1) or takes away (sign -1) w to m[k],
// forgetting totals that come back to nothing.
func addWorkshops[K comparable](m map[K]WorkshopTotals, k K, w WorkshopTotals, sign int) {
	t := m[k]
	t.Add(w, sign)
	if t == (WorkshopTotals{}) {
		delete(m, k)
		return
	}
	m[k] = t
}

// seriesKey is a kind of event and the state of a series' latest entry.
type seriesKey struct {
	kind    Kind
	country string
}

// Series is the latest entry of each series of kind (kick-off or
// workshop) whose latest entry is about country, newest first: the
// events a new entry may continue.
func (b *Book) Series(kind Kind, country string) []*Entry {
	var out []*Entry
	for id := range b.byState[seriesKey{kind, country}] {
		s := b.series[id]
		out = append(out, s.entry(id, s.latest()))
	}
	slices.SortFunc(out, func(a, b *Entry) int { return int(b.ID - a.ID) })
	return out
}
