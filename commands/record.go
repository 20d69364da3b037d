package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// takeOn reads the on=DATE option among opts: the day an update is true
// for (zero when not given: today).
func (call *call) takeOn(opts map[string]string) (ctbot.Date, error) {
	s, ok := opts["on"]
	if !ok {
		return ctbot.Date{}, nil
	}
	return parseDate(call.args.words.word(s), call.today)
}

func runLog(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, true)
	if err != nil {
		return Reply{}, err
	}
	opts, err := call.args.takeAnywhere("on")
	if err != nil {
		return Reply{}, err
	}
	on, err := call.takeOn(opts)
	if err != nil {
		return Reply{}, err
	}
	return c.record(ctx, call, &LogInput{Country: country, On: on, Note: call.args.rest(), Evidence: call.evidence})
}

func runKickoff(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, false)
	if err != nil {
		return Reply{}, err
	}
	status, err := call.status()
	if err != nil {
		return Reply{}, err
	}
	var date ctbot.Date
	if t, ok := call.args.peek(); ok && looksLikeDate(call.args.words.word(t.text)) {
		call.args.next()
		if date, err = parseDate(call.args.words.word(t.text), call.today); err != nil {
			return Reply{}, err
		}
	}
	return c.record(ctx, call, &KickoffInput{Country: country, Status: status, Date: date, Note: call.args.rest(), Evidence: call.evidence})
}

func runWorkshop(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, false)
	if err != nil {
		return Reply{}, err
	}
	status, err := call.status()
	if err != nil {
		return Reply{}, err
	}
	date, err := call.requiredDate()
	if err != nil {
		return Reply{}, err
	}
	opts, err := call.args.takeOptions(append([]string{"participants", "women"}, c.fw.Readiness.Pillars...))
	if err != nil {
		return Reply{}, err
	}
	scores, err := c.scores(opts)
	if err != nil {
		return Reply{}, err
	}
	participants, _, err := opts.count("participants")
	if err != nil {
		return Reply{}, err
	}
	women, err := opts.optionalCount("women")
	if err != nil {
		return Reply{}, err
	}
	title, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	return c.record(ctx, call, &WorkshopInput{Country: country, Status: status, Date: date, Title: title,
		Participants: participants, Women: women, Scores: scores, Evidence: call.evidence})
}

// matchWorkshop finds the workshop series e updates, among the latest
// entries of the country's series. An open workshop (planned, postponed)
// is updated by any entry with its title; without a title, by one on its
// date, or by a status other than planned when it is the only one open. A
// held workshop is only updated by "held" again on its date (with its
// title, if given): the same workshop, corrected, not a second one. A
// cancelled one is closed.
func matchWorkshop(series []*ctbot.Entry, e *ctbot.Entry) *ctbot.Entry {
	fits := func(o *ctbot.Entry) bool {
		return o.Status.Open() || o.Status == ctbot.StatusHeld && e.Status == ctbot.StatusHeld && o.Date == e.Date
	}
	var open []*ctbot.Entry
	for _, o := range series {
		switch {
		case !fits(o):
		case e.Title != "":
			if strings.EqualFold(strings.TrimSpace(o.Title), strings.TrimSpace(e.Title)) {
				return o
			}
		case o.Date == e.Date:
			return o
		case o.Status.Open():
			open = append(open, o)
		}
	}
	if len(open) == 1 && e.Status != ctbot.StatusPlanned {
		return open[0]
	}
	return nil
}

func runTraining(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, false)
	if err != nil {
		return Reply{}, err
	}
	date, dateTo, err := call.requiredDays()
	if err != nil {
		return Reply{}, err
	}
	opts, err := call.args.takeOptions(append([]string{"trained", "women", "new", "new_women"}, courseKeys...), "online", "again", "confirm")
	if err != nil {
		return Reply{}, err
	}
	title, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	trained, ok, err := opts.count("trained")
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return Reply{}, badField("trained", "err.trained_missing")
	}
	women, err := opts.optionalCount("women")
	if err != nil {
		return Reply{}, err
	}
	newWomen, err := opts.optionalCount("new_women")
	if err != nil {
		return Reply{}, err
	}
	var newCount *int
	if n, given, err := opts.count("new"); err != nil {
		return Reply{}, err
	} else if given {
		newCount = &n
	}
	if course, given := opts.values["course"]; given && strings.TrimSpace(course) == "" {
		return Reply{}, c.unknownCourse(course)
	}
	course, topic, level := opts.values["course"], opts.values["topic"], opts.values["level"]
	for _, v := range []*string{&course, &topic, &level} {
		if isNone(*v) {
			*v = ""
		}
	}
	return c.record(ctx, call, &TrainingInput{Country: country, Date: date, DateTo: dateTo, Course: course, Topic: topic,
		Level: level, Title: title, Trained: trained, Women: women, New: newCount, NewWomen: newWomen, Online: opts.flags["online"],
		Again: opts.flags["again"], Confirm: opts.flags["confirm"], Evidence: call.evidence})
}

// status consumes the event status word.
func (call *call) status() (ctbot.Status, error) {
	t, ok := call.args.next()
	if !ok {
		return "", badField("status", "err.status_missing")
	}
	s := ctbot.Status(strings.ToLower(call.args.words.word(t.text)))
	if s == "canceled" {
		s = ctbot.StatusCancelled
	}
	for _, known := range ctbot.Statuses {
		if s == known {
			return s, nil
		}
	}
	if looksLikeDate(t.text) {
		return "", badField("status", "err.status_after_date")
	}
	return "", badField("status", "err.not_status", "Text", t.text)
}

// requiredDate consumes a date that must be there.
func (call *call) requiredDate() (ctbot.Date, error) {
	t, ok := call.args.peek()
	if !ok || !looksLikeDate(call.args.words.word(t.text)) {
		return ctbot.Date{}, badField("date", "err.date_missing")
	}
	call.args.next()
	return parseDate(call.args.words.word(t.text), call.today)
}

// requiredDays consumes a training's days, which must be there (see
// parseDays).
func (call *call) requiredDays() (from, to ctbot.Date, err error) {
	t, ok := call.args.peek()
	first, _, _ := strings.Cut(t.text, "..")
	if !ok || !looksLikeDate(call.args.words.word(first)) {
		return from, to, badField("date", "err.date_missing")
	}
	call.args.next()
	return call.parseDays(t.text)
}

// parseDays reads a training's days: a date, or its first and last joined
// by ".." (2026-11-20..2026-11-22); to is zero for a single day.
func (call *call) parseDays(s string) (from, to ctbot.Date, err error) {
	first, last, isRange := strings.Cut(s, "..")
	if from, err = parseDate(call.args.words.word(first), call.today); err != nil || !isRange {
		return from, to, err
	}
	to, err = parseDate(call.args.words.word(last), call.today)
	if ue, ok := err.(*ctbot.Error); ok {
		ue.Field = "date_to"
	}
	if to == from {
		to = ctbot.Date{}
	}
	return from, to, err
}

// phrase consumes the remaining words as one phrase (a title): a single
// quoted token as it is, otherwise the words joined by spaces. A quote left
// open is refused.
func (a *args) phrase() (string, error) {
	var words []string
	for _, t := range a.toks {
		if t.unclosed {
			return "", unclosedQuote(a.raw, t)
		}
		words = append(words, t.text)
	}
	a.toks = nil
	return strings.TrimSpace(strings.Join(words, " ")), nil
}

// recordCountry consumes the country and checks that the caller may record
// entries about it.
func (c *Core) recordCountry(call *call, allowProgramme bool) (string, error) {
	country, err := call.args.country(c.fw, allowProgramme)
	if err != nil {
		return "", err
	}
	return country, c.mayRecord(call, country)
}

// mayRecord refuses users who may not record for country.
func (c *Core) mayRecord(call *call, country string) error {
	user := call.user()
	if call.may(func(a ctbot.Access) bool { return a.CanRecord(c.fw, user, country) }) {
		return nil
	}
	if country == "" {
		return forbidden("err.may_not_record_programme")
	}
	return forbidden("err.may_not_record", "Country", stateName{c.fw, country})
}

// record records in for the caller, checked, and answers with its ID; the
// same input again within DedupeWindow (a retry), or a second delivery of
// the same user action, answers with the earlier ID instead.
func (c *Core) record(ctx context.Context, call *call, in Input) (Reply, error) {
	l := call.l
	if err := c.mayRecord(call, in.state()); err != nil {
		return Reply{}, err
	}
	source := canonical(in, call.req.Series)
	// A retry or a redelivery is answered with what it recorded, before
	// any rule could refuse it as a duplicate.
	earlier, err := c.entries.Earlier(ctx, call.user(), source, call.req.Keys, DedupeWindow)
	if err != nil {
		return Reply{}, err
	}
	var e *ctbot.Entry
	if earlier == nil {
		if e, err = c.newEntry(ctx, call, in); err != nil {
			return Reply{}, err
		}
		if err := cleanEntry(e); err != nil {
			return Reply{}, err
		}
		reason, err := cleanReason(in.reason())
		if err != nil {
			return Reply{}, err
		}
		flags, err := c.validate(ctx, call, e, in.checks())
		if err != nil {
			return Reply{}, err
		}
		call.flags = append(flags, call.flags...)
		o, err := c.writeInto(ctx, call, reason, e.Date)
		if err != nil {
			return Reply{}, err
		}
		e.UserID, e.Source = call.user(), source
		o.Dedupe = DedupeWindow
		if earlier, err = c.entries.Record(ctx, e, o); err != nil {
			return Reply{}, err
		}
	}
	if earlier != nil {
		r := c.duplicateReply(l, call.now, earlier)
		if call.req.Series != 0 && earlier.Series == call.req.Series {
			r.Settled = c.settled(c.settleLoc(call.req, l), earlier)
		}
		return r, nil
	}
	text := l.T("record.done", "ID", ID(e.ID), "Entry", Describe(l, c.fw, e))
	if u := call.updates; u != nil {
		if u.Status == ctbot.StatusHeld && e.Status == ctbot.StatusHeld {
			text = text.Append(l.T("record.updates_held", "ID", ID(e.Series)))
		} else {
			text = text.Append(l.T("record.updates", "ID", ID(e.Series)))
		}
	} else if e.Series != 0 && e.Series != e.ID {
		text = text.Append(l.T("record.updates", "ID", ID(e.Series)))
	}
	if e.Date.Before(call.today) && (e.Kind == ctbot.KindLog || e.Kind == ctbot.KindIndicator) { // an assessment says its date
		text = text.Append(l.T("record.on", "Date", e.Date))
	}
	doc := reply.Doc{reply.Para{Text: text}}
	for _, f := range call.flags {
		doc = append(doc, reply.Para{Text: f})
	}
	if now := c.valueNow(ctx, call, e); now != nil {
		doc = append(doc, reply.Para{Text: now})
	}
	doc = doc.Append(c.personalDataWarning(call, e.Note, e.Title, e.Evidence))
	doc = append(doc, reply.Note{Text: l.T("record.wrong", "Cmd", c.command, "ID", ID(e.ID))}, c.entryActions(l, e.ID))
	r := Reply{EntryID: e.ID, Doc: doc}
	if call.req.Series != 0 && e.Series == call.req.Series {
		r.Settled = c.settled(c.settleLoc(call.req, l), e)
	}
	return r, nil
}

// duplicateReply answers a retry or redelivery with what it recorded.
func (c *Core) duplicateReply(l *locale.Loc, now time.Time, earlier *ctbot.Entry) Reply {
	return Reply{EntryID: earlier.ID, Outcome: "duplicate", Doc: reply.Doc{
		reply.Para{Text: l.T("record.duplicate", "ID", ID(earlier.ID), "Ago", Ago(l, now, earlier.CreatedAt), "Entry", Describe(l, c.fw, earlier))},
		reply.Note{Text: l.T("record.duplicate_note", "N", int(DedupeWindow.Minutes()))},
	}}
}

// entryActions are the buttons under a recorded entry: Undo, which asks
// first and retracts exactly that entry, and Edit, which opens it in the form.
func (c *Core) entryActions(l *locale.Loc, id int64) reply.Actions {
	return reply.Actions{Buttons: []reply.Button{
		{Label: l.S("button.undo"), Intent: reply.IntentUndo, Arg: ID(id),
			Confirm: &reply.Confirm{Title: l.S("button.undo_title"), Text: l.S("button.undo_text", "ID", ID(id)),
				Yes: l.S("button.undo"), No: l.S("button.keep")}},
		{Label: l.S("button.edit"), Intent: reply.IntentEdit, Arg: ID(id)},
	}}
}

func isNotFound(err error) bool { return errors.Is(err, ctbot.ErrNotFound) }

// entryID consumes the entry ID a command starts with.
func (call *call) entryID() (int64, error) {
	t, ok := call.args.next()
	if !ok {
		return 0, badInput("err.id_missing")
	}
	return parseID(t.text)
}

// parseID reads an entry ID written as 42 or #42.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badInput("err.not_id", "Text", s)
	}
	return id, nil
}
