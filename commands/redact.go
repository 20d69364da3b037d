package commands

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Limits of redaction.
const (
	// maxRedact is the most entries one redact command names.
	maxRedact = 20
	// minShared is the shortest text looked for in other entries: shorter
	// ones ("OSINT") are common words, not one person's data. E-mail
	// addresses and phone numbers are looked for whatever their length.
	minShared = 6
)

// runRedact removes free text for good: `redact <id>[,<id>…] <reason>`
// (entries: their text goes, their figures and evidence counts stay), or
// `redact period <period> <reason>` (the reasons given for closing and
// reopening a period). The reply says whether the old copies have left the
// database's write-ahead log yet, and names the other entries that hold
// the same text, with a button to redact them too.
func runRedact(ctx context.Context, c *Core, call *call) (Reply, error) {
	if !call.isCoordinator() {
		return Reply{}, forbidden("err.coordinators_only", "What", "redact")
	}
	if t, ok := call.args.peek(); ok && c.lookup(t.text) == c.lookup("period") {
		call.args.next()
		return c.redactPeriod(ctx, call)
	}
	ids, err := call.entryIDs()
	if err != nil {
		return Reply{}, err
	}
	reason, err := call.reason()
	if err != nil {
		return Reply{}, err
	}
	// Every entry is read, and its texts gathered, before any is redacted:
	// a wrong ID changes nothing.
	var es []*ctbot.Entry
	for _, id := range ids {
		e, err := c.entries.Entry(ctx, id)
		switch {
		case isNotFound(err):
			return Reply{}, refused("err.no_entry", "ID", ID(id))
		case err != nil:
			return Reply{}, err
		}
		es = append(es, e)
	}
	texts, err := c.redactedTexts(ctx, es)
	if err != nil {
		return Reply{}, err
	}
	l := call.l
	var doc reply.Doc
	var done, pending []reply.Inline
	dups := 0
	for _, e := range es {
		o := call.write()
		if len(es) > 1 { // one action, several writes: a key for each
			o.Keys = entryKeys(o.Keys, e.ID)
		}
		after, err := c.redactions.Redact(ctx, e.ID, call.user(), reason, true, o)
		var ue *ctbot.Error
		switch {
		case errors.As(err, &ue) && ue.Code == ctbot.EUnchanged && len(es) > 1: // said, the others redacted
			doc = append(doc, reply.Para{Text: c.say(ctx, l, ue)})
			continue
		case ctbot.CodeOf(err) == ctbot.EDuplicate && len(es) == 1:
			return Reply{EntryID: e.ID, Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: l.T("redact.duplicate", "ID", ID(e.ID))}}}, nil
		case ctbot.CodeOf(err) == ctbot.EDuplicate:
			doc = append(doc, reply.Para{Text: l.T("redact.duplicate", "ID", ID(e.ID))})
			dups++
			continue
		case err != nil:
			return Reply{}, err
		}
		doc = append(doc, reply.Para{Text: l.T("redact.done", "ID", ID(e.ID), "Entry", Describe(l, c.fw, after))})
		done = append(done, reply.Plain("#"+ID(e.ID)))
		if p, err := c.purgePending(ctx, e.ID); err != nil {
			return Reply{}, err
		} else if p {
			pending = append(pending, reply.Plain("#"+ID(e.ID)))
		}
	}
	switch {
	case len(done) == 0 && dups > 0:
		return Reply{Outcome: "duplicate", Doc: doc}, nil
	case len(done) == 0:
		return Reply{}, refused("err.nothing_to_redact_any", "IDs", joinIDs(ids))
	}
	doc = append(doc, c.purgeLine(l, pending, ID(ids[0])))
	doc = doc.Append(c.reasonWarning(call, reason, joinIDs(ids)))
	doc = append(doc, reply.Note{Text: l.T("redact.note", "Reason", reason)}, reply.Note{Text: l.T("redact.elsewhere")})
	others, err := c.redactions.SharingText(ctx, texts, ids, maxRedact+1)
	if err != nil {
		return Reply{}, err
	}
	doc = append(doc, c.sharing(l, ids, others)...)
	r := Reply{Doc: doc}
	if len(ids) == 1 {
		r.EntryID = ids[0]
	}
	return r, nil
}

// entryIDs consumes the entry IDs a command starts with: one, or several
// separated by commas (12,13,14 or #12, #13). Spaces alone do not
// separate IDs, so a reason that starts with a number is never read as one.
func (call *call) entryIDs() ([]int64, error) {
	t, ok := call.args.next()
	if !ok {
		return nil, badInput("err.id_missing")
	}
	text := t.text
	for strings.HasSuffix(text, ",") {
		more, ok := call.args.next()
		if !ok {
			break
		}
		text += more.text
	}
	var ids []int64
	for _, s := range strings.Split(text, ",") {
		if s == "" {
			continue
		}
		id, err := parseID(s)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return nil, badInput("err.id_missing")
	case len(ids) > maxRedact:
		return nil, badInput("err.redact_too_many", "N", len(ids), "Max", maxRedact)
	}
	return ids, nil
}

// entryKeys are the action keys of one entry's write among several made
// for the same action.
func entryKeys(keys []string, id int64) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "#" + ID(id)
	}
	return out
}

// joinIDs writes ids the way redact reads them: 12,13,14.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = ID(id)
	}
	return strings.Join(s, ",")
}

// redactedTexts are the texts a redaction of es removes, to be looked for
// in other entries: each text of at least minShared characters (titles,
// notes, the command typed, evidence, links, reasons, also those an
// amendment replaced) and every e-mail address and phone number in them.
// A course title of the catalogue is not one person's text.
func (c *Core) redactedTexts(ctx context.Context, es []*ctbot.Entry) ([]string, error) {
	var all []string
	for _, e := range es {
		all = append(all, e.Title, e.Note, e.Source, e.Evidence, e.Link, e.RetractReason)
		trail, err := c.entries.Audit(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range trail {
			all = append(all, r.Reason)
			for _, ch := range r.Changes {
				if ch.Field == "title" || ch.Field == "note" || ch.Field == "evidence" || ch.Field == "link" {
					all = append(all, ch.Old, ch.New)
				}
			}
		}
	}
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, t := range all {
		t = strings.TrimSpace(t)
		if t == "" || c.catalogueTitle(t) {
			continue
		}
		if utf8.RuneCountInString(t) >= minShared {
			add(t)
		}
		for _, m := range personalParts(t) {
			add(m)
		}
	}
	return out, nil
}

// catalogueTitle reports whether t is the title of a course of the catalogue.
func (c *Core) catalogueTitle(t string) bool {
	for _, co := range c.fw.Courses {
		if strings.EqualFold(co.Title, t) {
			return true
		}
	}
	return false
}

// purgePending reports whether entry id's latest redaction still waits
// for its text to leave the write-ahead log.
func (c *Core) purgePending(ctx context.Context, id int64) (bool, error) {
	trail, err := c.entries.Audit(ctx, id)
	if err != nil {
		return false, err
	}
	for i := len(trail) - 1; i >= 0; i-- {
		if trail[i].Action == "redact" {
			return trail[i].PurgePending, nil
		}
	}
	return false, nil
}

// purgeLine says where the old copies of the text are: purged from the
// write-ahead log too, or as soon as the readers holding it finish (what
// `audit` then says).
func (c *Core) purgeLine(l *locale.Loc, pending []reply.Inline, first string) reply.Block {
	if len(pending) == 0 {
		return reply.Para{Text: l.T("redact.purged")}
	}
	return reply.Para{Text: l.T("redact.purge_pending", "IDs", locale.AndList(pending), "Cmd", c.command, "ID", first)}
}

// sharing names the other entries that hold the same text, with a button
// that redacts them too (the same command, as whoever clicks, once per
// click); more than maxRedact is common text, not one person's: they are
// named, to be redacted one by one where needed.
func (c *Core) sharing(l *locale.Loc, ids, others []int64) reply.Doc {
	if len(others) == 0 {
		return nil
	}
	var from, list []reply.Inline
	for _, id := range ids {
		from = append(from, reply.Plain("#"+ID(id)))
	}
	for _, id := range others[:min(len(others), maxRedact)] {
		list = append(list, reply.Plain("#"+ID(id)))
	}
	if len(others) > maxRedact {
		return reply.Doc{reply.Para{Text: l.T("redact.sharing_many", "List", locale.AndList(list), "Max", maxRedact, "Cmd", c.command)}}
	}
	arg := "redact " + joinIDs(others) + " " + l.S("redact.same_text", "IDs", locale.AndList(from))
	return reply.Doc{
		reply.Para{Text: l.T("redact.sharing", "IDs", locale.AndList(list), "From", locale.AndList(from))},
		reply.Actions{Buttons: []reply.Button{{Label: l.S("button.redact_too", "N", len(others)), Intent: reply.IntentRun, Arg: arg, Danger: true,
			Confirm: &reply.Confirm{Title: l.S("button.redact_too_title"), Text: l.S("button.redact_too_text", "IDs", locale.AndList(list)),
				Yes: l.S("button.redact_too", "N", len(others)), No: l.S("button.keep")}}}},
	}
}

// redactPeriod removes the reasons given for closing and reopening a
// period: `redact period <period> <reason>`.
func (c *Core) redactPeriod(ctx context.Context, call *call) (Reply, error) {
	p, err := c.periodArg(call)
	if err != nil {
		return Reply{}, err
	}
	reason, err := call.reason()
	if err != nil {
		return Reply{}, err
	}
	l := call.l
	purged, err := c.redactions.RedactPeriod(ctx, p.Name(), call.user(), reason, call.write())
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: l.T("redact.duplicate_period", "Period", p.Name())}}}, nil
	case err != nil:
		return Reply{}, err
	}
	doc := reply.Doc{reply.Para{Text: l.T("redact.period_done", "Period", p.Name())}}
	if purged {
		doc = append(doc, reply.Para{Text: l.T("redact.purged")})
	} else {
		doc = append(doc, reply.Para{Text: l.T("redact.period_purge_pending")})
	}
	doc = doc.Append(c.reasonWarning(call, reason, "period "+p.Name()))
	return Reply{Doc: append(doc, reply.Note{Text: l.T("redact.note", "Reason", reason)}, reply.Note{Text: l.T("redact.elsewhere")})}, nil
}
