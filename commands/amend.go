package commands

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// AmendWindow is how long after recording an entry its author may amend it;
// coordinators may amend any entry at any time.
const AmendWindow = 7 * 24 * time.Hour

// amendKeys are the fields `amend` changes, and the reason.
var amendKeys = []string{"date", "on", "country", "trained", "women", "new", "new_women", "participants", "title", "course", "topic", "level", "value", "stage",
	"online", "note", "text", "source", "link", "reason"}

// runAmend changes fields of an entry: `amend <id> key=value… [reason="…"]`.
// The entry is checked by the same rules as when it was recorded; the
// version it replaces is kept and the change audited.
func runAmend(ctx context.Context, c *Core, call *call) (Reply, error) {
	id, err := call.entryID()
	if err != nil {
		return Reply{}, err
	}
	opts, err := call.args.takeOptions(append(slices.Clone(amendKeys), c.fw.Readiness.Pillars...), "confirm", "again")
	if err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	reason, err := cleanReason(opts.values["reason"])
	if err != nil {
		return Reply{}, err
	}
	delete(opts.values, "reason")
	if len(opts.values) == 0 {
		return Reply{}, badInput("err.amend_nothing")
	}
	e, err := c.amendable(ctx, call, id)
	if err != nil {
		return Reply{}, err
	}
	after, err := c.amended(call, e, opts)
	if err != nil {
		return Reply{}, err
	}
	return c.amend(ctx, call, e, after, reason, checks{confirm: opts.flags["confirm"], again: opts.flags["again"]})
}

// amendWith amends entry id with in, the values of its Edit form (every
// field of the form given; those that differ change), and reason.
func (c *Core) amendWith(ctx context.Context, call *call, id int64, in Input, reason string) (Reply, error) {
	reason, err := cleanReason(reason)
	if err != nil {
		return Reply{}, err
	}
	e, err := c.amendable(ctx, call, id)
	if err != nil {
		return Reply{}, err
	}
	if in.kind() != e.Kind {
		return Reply{}, fmt.Errorf("amend #%d, a %s, with a %s form", id, e.Kind, in.kind())
	}
	after := *e
	if err := in.fill(c, &after); err != nil {
		return Reply{}, err
	}
	if err := c.mayRecord(call, after.Country); err != nil {
		return Reply{}, err
	}
	after.VerifiedBy, after.VerifiedAt = "", time.Time{} // a verification holds for the values checked
	return c.amend(ctx, call, e, &after, reason, in.checks())
}

// amendable is entry id if the caller may amend it (see mayAmend) and it
// is not retracted. Only coordinators learn whether an entry exists.
func (c *Core) amendable(ctx context.Context, call *call, id int64) (*ctbot.Entry, error) {
	e, err := c.entries.Entry(ctx, id)
	switch {
	case err != nil && !isNotFound(err):
		return nil, err
	case err != nil && call.access.IsCoordinator(call.user()):
		return nil, refused("err.no_entry", "ID", ID(id))
	case err != nil:
		return nil, refused("err.not_yours_to_amend", "ID", ID(id), "Cmd", c.command)
	}
	if err := c.mayAmend(call, e); err != nil {
		return nil, err
	}
	if e.Retracted {
		return nil, refused("err.amend_retracted", "ID", ID(id))
	}
	return e, nil
}

// amend stores after, entry e amended, checked by the same rules as when
// it was recorded, keeps the version it replaces and audits the change;
// the answer says what changed.
func (c *Core) amend(ctx context.Context, call *call, e, after *ctbot.Entry, reason string, ck checks) (Reply, error) {
	l, id := call.l, e.ID
	if err := cleanEntry(after); err != nil {
		return Reply{}, err
	}
	ck.amending, ck.was = id, e
	flags, err := c.validate(ctx, call, after, ck)
	if err != nil {
		return Reply{}, err
	}
	call.flags = append(flags, call.flags...)
	o, err := c.writeInto(ctx, call, reason, e.Date, after.Date)
	if err != nil {
		return Reply{}, err
	}
	before, err := c.entries.Amend(ctx, id, after, call.user(), reason, o)
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{EntryID: id, Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: l.T("amend.duplicate", "ID", ID(id))}}}, nil
	case err != nil:
		return Reply{}, err
	}
	text := l.T("amend.done", "ID", ID(id), "Changes", c.changes(l, ctbot.Diff(before, after)))
	if reason != "" {
		text = text.Append(l.T("amend.reason", "Reason", reason))
	}
	doc := reply.Doc{reply.Para{Text: text}, reply.Para{Text: Describe(l, c.fw, after)}}
	for _, f := range call.flags {
		doc = append(doc, reply.Para{Text: f})
	}
	doc = doc.Append(c.personalDataWarning(call, after.Note, after.Title, after.Evidence), c.reasonWarning(call, reason, ID(id)))
	return Reply{EntryID: id, Doc: append(doc, c.entryActions(l, id))}, nil
}

// amended applies key=value changes to a copy of e.
func (c *Core) amended(call *call, e *ctbot.Entry, opts options) (*ctbot.Entry, error) {
	after := *e
	fits := func(key string, kinds ...ctbot.Kind) error {
		for _, k := range kinds {
			if e.Kind == k {
				return nil
			}
		}
		return badField(key, "err.amend_field", "Key", key, "Kind", kindWord(e.Kind))
	}
	courseDone := false
	for _, key := range amendKeys {
		value, ok := opts.values[key]
		if !ok {
			continue
		}
		var err error
		switch key {
		case "date", "on": // on= names the value date when recording
			after.Date, after.DateTo, err = amendDays(call, e, value)
		case "country":
			co := c.fw.LookupCountry(value)
			switch {
			case co == nil && isProgrammeWord(value) && (e.Kind == ctbot.KindLog || e.Kind == ctbot.KindIndicator):
				after.Country = ""
			case co == nil:
				err = unknownCountry(c.fw, value)
			default:
				after.Country = co.Code
			}
			if err == nil {
				err = c.mayRecord(call, after.Country)
			}
		case "trained", "new":
			if err = fits(key, ctbot.KindTraining); err == nil {
				var n int
				n, _, err = opts.count(key)
				if key == "trained" {
					after.Trained = n
					// new defaults to trained: all new stays all new.
					if _, given := opts.values["new"]; !given && e.New == e.Trained {
						after.New = n
					}
				} else {
					after.New = n
				}
			}
		case "participants":
			if err = fits(key, ctbot.KindWorkshop); err == nil {
				after.Participants, _, err = opts.count(key)
			}
		case "women":
			if err = fits(key, ctbot.KindTraining, ctbot.KindWorkshop); err == nil {
				after.Women, err = opts.optionalCount(key)
			}
		case "new_women":
			if err = fits(key, ctbot.KindTraining); err == nil {
				after.NewWomen, err = opts.optionalCount(key)
			}
		case "title":
			if err = fits(key, ctbot.KindTraining, ctbot.KindWorkshop); err == nil {
				after.Title = strings.TrimSpace(value)
			}
		case "course", "topic", "level":
			switch {
			case key == "course" && e.Kind == ctbot.KindWorkshop:
				after.Title = strings.TrimSpace(value) // a workshop's course= is its title
			case !courseDone:
				courseDone = true // applyCourse reads all three
				if err = fits(key, ctbot.KindTraining); err == nil {
					err = c.applyCourse(&after, opts)
				}
			}
		case "value", "stage":
			if err = fits(key, ctbot.KindIndicator); err == nil {
				probe := after
				if err = parseIndicatorValue(c.fw.PhaseFor(e.Date, call.today).Indicator(e.Indicator), value, &probe); err == nil {
					after.Op, after.Value, after.Denom, after.Stage = probe.Op, probe.Value, probe.Denom, probe.Stage
				}
			}
		case "online":
			if err = fits(key, ctbot.KindTraining); err == nil {
				after.Online, err = parseYesNo(key, value)
			}
		case "note", "text":
			after.Note = strings.TrimSpace(value)
		case "source":
			var v string
			v, err = evidenceValue(key, value)
			setSource(&after, v)
		case "link":
			var v string
			if v, err = evidenceValue(key, value); err == nil {
				err = setLink(&after, v)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := c.amendScores(&after, opts); err != nil {
		return nil, err
	}
	// A verification holds for the values checked: a change undoes it.
	after.VerifiedBy, after.VerifiedAt = "", time.Time{}
	return &after, nil
}

// amendDays reads date= of an amendment of e: a day, or a training's
// days as when recording (see parseDays); a single day makes a training
// one of a day.
func amendDays(call *call, e *ctbot.Entry, value string) (from, to ctbot.Date, err error) {
	if e.Kind == ctbot.KindTraining {
		return call.parseDays(value)
	}
	from, err = parseDate(call.args.words.word(value), call.today)
	return from, to, err
}

// amendScores changes the readiness scores given (policy=3) of an
// assessment, or of a held workshop that carries them; the others stay.
func (c *Core) amendScores(e *ctbot.Entry, opts options) error {
	given := options{values: map[string]string{}}
	for _, p := range c.fw.Readiness.Pillars {
		if v, ok := opts.values[p]; ok {
			given.values[p] = v
		}
	}
	if len(given.values) == 0 {
		return nil
	}
	if len(e.Scores) == 0 {
		for p := range given.values {
			return badField(p, "err.amend_field", "Key", p, "Kind", kindWord(e.Kind))
		}
	}
	scores := maps.Clone(e.Scores)
	for p := range given.values {
		n, _, err := given.count(p)
		if err != nil {
			return err
		}
		scores[p] = n
	}
	e.Scores = scores
	return nil
}

// parseYesNo reads yes/no (true/false, 1/0).
func parseYesNo(key, s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "true", "1", "y":
		return true, nil
	case "no", "false", "0", "n":
		return false, nil
	}
	return false, badField(key, "err.not_yes_no", "Key", key, "Text", s)
}

// changes writes an amendment's changes: "women 0 → 11, date 2026-11-20 → 2026-11-21".
func (c *Core) changes(l *locale.Loc, cs []ctbot.Change) reply.Inline {
	var parts []reply.Inline
	for _, ch := range cs {
		parts = append(parts, l.T("amend.change", "Field", l.T("field."+ch.Field), "Old", changeValue(l, ch.Field, ch.Old), "New", changeValue(l, ch.Field, ch.New)))
	}
	return reply.Join(l.T("list.sep"), parts...)
}

// changeValue writes one side of a change; "" is "none" (a count not reported).
func changeValue(l *locale.Loc, field, v string) reply.Inline {
	switch {
	case v == "" && (field == "women" || field == "new_women"):
		return l.T("change.not_reported")
	case v == "":
		return l.T("change.empty")
	case v == "true":
		return l.T("change.yes")
	case v == "false":
		return l.T("change.no")
	}
	return reply.Plain(v)
}

// runAudit shows an entry's whole history: who recorded it and when, and
// every amendment and retraction, with what changed and why.
func runAudit(ctx context.Context, c *Core, call *call) (Reply, error) {
	l := call.l
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	id, err := call.entryID()
	if err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	e, err := c.entries.Entry(ctx, id)
	if isNotFound(err) {
		return Reply{}, refused("err.no_entry", "ID", ID(id))
	}
	if err != nil {
		return Reply{}, err
	}
	trail, err := c.entries.Audit(ctx, id)
	if err != nil {
		return Reply{}, err
	}
	var items []reply.Inline
	for _, r := range trail {
		when := l.T("audit.when", "Date", ctbot.DateOf(r.At.In(c.fw.Location)), "Time", r.At.In(c.fw.Location).Format("15:04"))
		switch r.Action {
		case "insert":
			items = append(items, l.T("audit.insert", "When", when, "By", reply.User(r.Actor)))
		case "amend":
			line := l.T("audit.amend", "When", when, "By", reply.User(r.Actor), "Changes", c.changes(l, r.Changes))
			if r.Reason != "" {
				line = line.Append(l.T("amend.reason", "Reason", r.Reason))
			}
			items = append(items, line)
		case "retract":
			items = append(items, l.T("audit.retract", "When", when, "By", reply.User(r.Actor), "Reason", r.Reason))
		case "redact":
			line := l.T("audit.redact", "When", when, "By", reply.User(r.Actor), "Reason", r.Reason)
			if at := r.PurgedAt.In(c.fw.Location); r.PurgePending {
				line = line.Append(l.T("audit.purge_pending"))
			} else if !r.PurgedAt.IsZero() {
				line = line.Append(l.T("audit.purged", "Date", ctbot.DateOf(at), "Time", at.Format("15:04")))
			}
			items = append(items, line)
		default:
			items = append(items, l.T("audit.action", "When", when, "By", reply.User(r.Actor), "Action", r.Action, "Reason", r.Reason))
		}
	}
	return Reply{Doc: reply.Doc{
		reply.Para{Text: l.T("audit.title", "ID", ID(id), "Entry", Describe(l, c.fw, e))},
		reply.List{Items: items},
	}}, nil
}

// Edit is the Edit button of entry id for the person of req: the entry
// form filled in with the entry's values, to be submitted as an amendment,
// or a refusal on the same rules as `amend`.
func (c *Core) Edit(ctx context.Context, req Request, id int64) (r Reply) {
	cmd := c.lookup("amend")
	l := c.Loc(req.UserID)
	defer func() {
		r.Command = "edit"
		if r.Outcome == "" {
			r.Outcome = "ok"
		}
	}()
	call := c.newCall(ctx, req, cmd, l)
	e, err := c.entries.Entry(ctx, id)
	if err != nil && !isNotFound(err) {
		return c.errorReply(ctx, l, cmd, err)
	}
	if err == nil {
		err = c.mayAmend(call, e)
	} else {
		err = refused("err.not_yours_to_amend", "ID", ID(id), "Cmd", c.command)
	}
	switch {
	case err != nil:
		return c.errorReply(ctx, l, cmd, err)
	case e.Retracted:
		return c.errorReply(ctx, l, cmd, refused("err.amend_retracted", "ID", ID(id)))
	case !contains(FormKinds, string(e.Kind)):
		return Reply{Doc: reply.Doc{reply.Para{Text: l.T("amend.no_form", "ID", ID(id), "Cmd", c.command)}}}
	}
	// Text stored before the checks (a note over its cap, a control
	// character) would not fit the form, and saving it would cut it: it
	// is amended by command.
	if err := e.CheckText(); err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	v := map[string]string{"country": e.Country, "date": e.Date.String(), "title": e.Title, "course": e.Course, "topic": e.Topic, "level": e.Level, "note": e.Note, "source": e.Evidence, "link": e.Link}
	if e.Country == "" {
		v["country"] = "programme"
	}
	switch e.Kind {
	case ctbot.KindTraining:
		v["trained"], v["new"], v["date_to"] = ID(int64(e.Trained)), ID(int64(e.New)), e.DateTo.String()
		if e.NewWomen != nil {
			v["new_women"] = ID(int64(*e.NewWomen))
		}
		if e.Online {
			v["online"] = "online"
		}
	case ctbot.KindWorkshop:
		v["participants"] = ID(int64(e.Participants))
	}
	if e.Women != nil {
		v["women"] = ID(int64(*e.Women))
	}
	return Reply{Form: &Form{Kind: string(e.Kind), Entry: id, Values: v}}
}
