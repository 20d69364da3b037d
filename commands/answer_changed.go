package commands

import (
	"cmp"
	"slices"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// changeKinds are the kinds of entry "what changed" counts, in order.
var changeKinds = []ctbot.Kind{ctbot.KindTraining, ctbot.KindWorkshop, ctbot.KindKickoff, ctbot.KindIndicator, ctbot.KindReadiness, ctbot.KindLog}

// maxChanged bounds the entries "what changed" lists, newest first.
const maxChanged = 15

// changed answers what was recorded in the window (by default the last
// seven days): how many entries, by kind and by state, then the entries
// themselves, newest first: what each says (kind, state, title), who
// recorded it and when. It shows people and entries' text: to the asker
// alone, as history does.
func (a *asked) changed() (reply.Doc, error) {
	if a.q.Window.IsZero() {
		a.q.Window = Window{From: a.today.AddDays(-6), To: a.today}
	}
	a.q.Window.Recorded = true
	f := a.filter()
	var kinds []reply.Inline
	states := map[string]int{}
	n := 0
	for _, k := range changeKinds {
		f.Kinds = []ctbot.Kind{k}
		r, err := a.query(ctbot.Entries, f, ctbot.GroupBy{State: true})
		if err != nil {
			return nil, err
		}
		if r.Total.Entries > 0 {
			kinds = append(kinds, a.l.T("ask.kind_count", "Kind", kindWord(k), "N", r.Total.Entries))
		}
		for _, g := range r.Groups {
			states[g.State] += g.Entries
		}
		n += r.Total.Entries
	}
	text := a.l.T("ask.entries", "N", n)
	if kinds != nil {
		text = text.Append(a.l.T("text.paren", "Text", reply.Join(a.l.T("list.sep"), kinds...)))
	}
	doc := reply.Doc{a.head("changed", a.narrowed(a.where()), a.when(), text)}
	var items []reply.Inline
	for _, c := range append([]*ctbot.Country{nil}, a.fw.Countries...) {
		code, name := "", a.l.S("ask.programme_wide")
		if c != nil {
			code, name = c.Code, c.NameIn(a.l.Lang())
		}
		if states[code] > 0 {
			items = append(items, a.l.T("ask.state_line", "State", name, "Text", a.l.T("ask.entries", "N", states[code])))
		}
	}
	if len(items) > 1 || len(a.q.States) == 0 && items != nil {
		doc = append(doc, reply.List{Items: items})
	}
	if n > 0 && a.listsEntries() {
		list, err := a.changedEntries(f, n)
		if err != nil {
			return nil, err
		}
		doc = append(doc, list)
	}
	return append(doc, a.historyDetails()), nil
}

// listsEntries reports whether the entries "what changed" counted can be
// listed as they are: selected by state, person and when recorded alone
// (a topic or "verified" narrows what is counted, not what history
// lists).
func (a *asked) listsEntries() bool {
	q := a.q
	return len(q.Topics)+len(q.Levels)+len(q.Courses) == 0 && q.Online == ctbot.Either &&
		q.Verified == ctbot.Either && q.Evidence == ctbot.Either
}

// changedEntries lists the n entries recorded in f's window, of the states
// and people asked, newest first, up to maxChanged.
func (a *asked) changedEntries(f ctbot.Filter, n int) (reply.Block, error) {
	a.people = true
	places, people := []string{""}, []string{""}
	if len(a.q.States) > 0 {
		places = codes(a.q.States)
	}
	if len(a.q.People) > 0 {
		people = a.q.People
	}
	var es []*ctbot.Entry
	for _, place := range places {
		for _, user := range people {
			got, err := a.c.entries.History(a.ctx, ctbot.EntryFilter{Country: place, User: user, Since: f.Since, Until: f.Until,
				Active: true, Limit: maxChanged + 1})
			if err != nil {
				return nil, err
			}
			for _, e := range got {
				if slices.Contains(changeKinds, e.Kind) {
					es = append(es, e)
				}
			}
		}
	}
	slices.SortStableFunc(es, func(x, y *ctbot.Entry) int { return cmp.Compare(y.ID, x.ID) })
	var items []reply.Inline
	for i, e := range es {
		if i == maxChanged {
			items = append(items, a.l.T("ask.more_entries", "N", n-maxChanged))
			break
		}
		e, _ = preview(e)
		items = append(items, historyEntry(a.l, a.fw, a.now, e))
	}
	return reply.List{Title: a.l.T("ask.changed_entries"), Items: items}, nil
}
