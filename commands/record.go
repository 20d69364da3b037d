package commands

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

func runLog(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, true)
	if err != nil {
		return Reply{}, err
	}
	text := call.args.rest()
	if text == "" {
		return Reply{}, badField("note", "err.note_missing")
	}
	return c.record(ctx, call, &ctbot.Entry{Kind: ctbot.KindLog, Country: country, Date: call.today, Note: text})
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
	if t, ok := call.args.peek(); ok && looksLikeDate(t.text) {
		call.args.next()
		if date, err = parseDate(t.text, call.today); err != nil {
			return Reply{}, err
		}
	}
	if status == ctbot.StatusHeld && date.IsZero() {
		date = call.today
	}
	if err := checkEventDate(ctbot.KindKickoff, status, date, call.today); err != nil {
		return Reply{}, err
	}
	e := &ctbot.Entry{Kind: ctbot.KindKickoff, Country: country, Status: status, Date: date, Note: call.args.rest()}
	prev, err := c.store.LatestKickoff(ctx, country)
	switch {
	case err == nil && prev.Status == ctbot.StatusHeld:
		return Reply{}, &UserError{Field: "status", ID: "err.kickoff_held", Args: []any{"Country", c.fw.CountryName(country), "Date", prev.Date, "ID", ID(prev.ID)}}
	case err == nil:
		e.Series = prev.Series
	case !isNotFound(err):
		return Reply{}, err
	}
	return c.record(ctx, call, e)
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
	opts, err := call.args.takeOptions([]string{"participants", "women"})
	if err != nil {
		return Reply{}, err
	}
	participants, _, err := opts.count("participants")
	if err != nil {
		return Reply{}, err
	}
	women, hasWomen, err := opts.count("women")
	if err != nil {
		return Reply{}, err
	}
	if hasWomen && women > participants {
		return Reply{}, badField("women", "err.women_over", "Women", women, "Total", participants, "Of", "participants")
	}
	if err := checkEventDate(ctbot.KindWorkshop, status, date, call.today); err != nil {
		return Reply{}, err
	}
	title, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	e := &ctbot.Entry{Kind: ctbot.KindWorkshop, Country: country, Status: status, Date: date,
		Title: title, Participants: participants, Women: women}
	open, err := c.store.OpenWorkshops(ctx, country)
	if err != nil {
		return Reply{}, err
	}
	if m := matchWorkshop(open, e); m != nil {
		e.Series = m.Series
		if e.Title == "" {
			e.Title = m.Title
		}
	}
	return c.record(ctx, call, e)
}

// matchWorkshop finds the open (planned or postponed) workshop that e
// updates: the one with the same title; without a title, the one on the
// same date, or the only open one.
func matchWorkshop(open []*ctbot.Entry, e *ctbot.Entry) *ctbot.Entry {
	if e.Title != "" {
		for _, o := range open {
			if strings.EqualFold(strings.TrimSpace(o.Title), strings.TrimSpace(e.Title)) {
				return o
			}
		}
		return nil
	}
	for _, o := range open {
		if o.Date == e.Date {
			return o
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
	date, err := call.requiredDate()
	if err != nil {
		return Reply{}, err
	}
	if date.After(call.today) {
		return Reply{}, badField("date", "err.training_future", "Date", date)
	}
	opts, err := call.args.takeOptions([]string{"trained", "women", "new"}, "online")
	if err != nil {
		return Reply{}, err
	}
	course, err := call.args.phrase()
	if err != nil {
		return Reply{}, err
	}
	if course == "" {
		return Reply{}, badField("title", "err.course_missing")
	}
	trained, ok, err := opts.count("trained")
	if err != nil {
		return Reply{}, err
	}
	if !ok || trained == 0 {
		return Reply{}, badField("trained", "err.trained_missing")
	}
	women, _, err := opts.count("women")
	if err != nil {
		return Reply{}, err
	}
	if women > trained {
		return Reply{}, badField("women", "err.women_over", "Women", women, "Total", trained, "Of", "trained")
	}
	newCount, hasNew, err := opts.count("new")
	if err != nil {
		return Reply{}, err
	}
	if !hasNew {
		newCount = trained
	}
	if newCount > trained {
		return Reply{}, badField("new", "err.new_over", "New", newCount, "Trained", trained)
	}
	return c.record(ctx, call, &ctbot.Entry{Kind: ctbot.KindTraining, Country: country, Date: date, Title: course,
		Trained: trained, Women: women, New: newCount, Online: opts.flags["online"]})
}

var ratioRE = regexp.MustCompile(`^(\+?)(\d+)/(\d+)$`)

func runIndicator(ctx context.Context, c *Core, call *call) (Reply, error) {
	t, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("err.indicator_missing")
	}
	ind := c.fw.LookupIndicator(t.text)
	if ind == nil {
		return Reply{}, c.unknownIndicator(t.text)
	}
	country, err := call.args.country(c.fw, true)
	if err != nil {
		return Reply{}, err
	}
	perCountry := ind.Scope == ctbot.ScopeEach || ind.Measure == ctbot.MeasureMilestone
	switch {
	case perCountry && country == "":
		return Reply{}, badField("country", "err.indicator_per_country", "Code", ind.Code)
	case !perCountry && country != "":
		return Reply{}, badField("country", "err.indicator_programme", "Code", ind.Code, "Country", c.fw.CountryName(country))
	}
	if err := c.mayRecord(call, country); err != nil {
		return Reply{}, err
	}
	v, ok := call.args.next()
	if !ok {
		return Reply{}, badField("value", "err.value_missing")
	}
	e := &ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: ind.Code, Country: country, Date: call.today}
	if err := parseIndicatorValue(ind, v.text, e); err != nil {
		return Reply{}, err
	}
	e.Note = call.args.rest()
	return c.record(ctx, call, e)
}

// parseIndicatorValue reads N, +N, N/M, +N/M or a stage name into e.
func parseIndicatorValue(ind *ctbot.Indicator, s string, e *ctbot.Entry) error {
	switch ind.Measure {
	case ctbot.MeasureMilestone:
		stage := strings.ToLower(s)
		if ind.StageIndex(stage) < 0 {
			return badField("value", "err.not_stage", "Text", s, "Code", ind.Code, "List", strings.Join(ind.Stages, ", "))
		}
		e.Op, e.Stage = ctbot.OpStage, stage
	case ctbot.MeasurePercent:
		m := ratioRE.FindStringSubmatch(s)
		if m == nil {
			if strings.HasPrefix(s, "-") {
				return badField("value", "err.ratio_negative", "Text", s)
			}
			return badField("value", "err.not_ratio", "Code", ind.Code, "Text", s)
		}
		num, err1 := parseCount(locale.M("what.numerator"), m[2])
		den, err2 := parseCount(locale.M("what.denominator"), m[3])
		switch {
		case err1 != nil:
			return err1
		case err2 != nil:
			return err2
		case den == 0:
			return badField("value", "err.denominator_zero")
		case num > den:
			return badField("value", "err.numerator_over", "Num", num, "Den", den)
		}
		e.Op, e.Value, e.Denom = ctbot.OpSet, int64(num), int64(den)
		if m[1] == "+" {
			e.Op = ctbot.OpAdd
		}
	default:
		if strings.Contains(s, "/") {
			return badField("value", "err.not_count", "Code", ind.Code, "Text", s)
		}
		n, err := parseCount(locale.M("what.value"), s)
		if err != nil {
			return err
		}
		e.Op, e.Value = ctbot.OpSet, int64(n)
		if strings.HasPrefix(s, "+") {
			e.Op = ctbot.OpAdd
		}
	}
	return nil
}

func (c *Core) unknownIndicator(s string) error {
	if sug := c.fw.SuggestIndicators(s); len(sug) > 0 {
		return badInput("err.unknown_indicator_suggest", "Text", s, "List", codeList(sug))
	}
	var codes []string
	for _, ind := range c.fw.Indicators {
		codes = append(codes, ind.Code)
	}
	return badInput("err.unknown_indicator", "Text", s, "List", strings.Join(codes, ", "))
}

// status consumes the event status word.
func (call *call) status() (ctbot.Status, error) {
	t, ok := call.args.next()
	if !ok {
		return "", badField("status", "err.status_missing")
	}
	s := ctbot.Status(strings.ToLower(t.text))
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
	if !ok || !looksLikeDate(t.text) {
		return ctbot.Date{}, badField("date", "err.date_missing")
	}
	call.args.next()
	return parseDate(t.text, call.today)
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

// checkEventDate refuses held events in the future and planned ones in the past.
func checkEventDate(kind ctbot.Kind, s ctbot.Status, d, today ctbot.Date) error {
	switch {
	case d.IsZero():
		return nil
	case s == ctbot.StatusHeld && d.After(today):
		return badField("date", "err.held_future", "What", locale.M("kind."+string(kind)), "Date", d.String())
	case s.Open() && d.Before(today):
		return badField("date", "err.open_past", "What", locale.M("kind."+string(kind)), "Status", locale.M("status."+string(s)), "Date", d.String())
	}
	return nil
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
	if c.access.CanRecord(c.fw, call.user(), country) {
		return nil
	}
	if country == "" {
		return forbidden("err.may_not_record_programme")
	}
	return forbidden("err.may_not_record", "Country", c.fw.CountryName(country))
}

// record stores e for the caller and answers with its ID; a repeat of the
// same command within DedupeWindow, or a second delivery of the same user
// action, answers with the earlier ID instead.
func (c *Core) record(ctx context.Context, call *call, e *ctbot.Entry) (Reply, error) {
	l := call.l
	e.UserID, e.Source = call.user(), call.source
	o := call.write()
	o.Dedupe = DedupeWindow
	earlier, err := c.store.Record(ctx, e, o)
	if err != nil {
		return Reply{}, err
	}
	if earlier != nil {
		return Reply{EntryID: earlier.ID, Outcome: "duplicate", Doc: reply.Doc{
			reply.Para{Text: l.T("record.duplicate", "ID", ID(earlier.ID), "Ago", Ago(l, call.now, earlier.CreatedAt), "Entry", Describe(l, c.fw, earlier))},
			reply.Note{Text: l.T("record.duplicate_note", "N", int(DedupeWindow.Minutes()))},
		}}, nil
	}
	text := l.T("record.done", "ID", ID(e.ID), "Entry", Describe(l, c.fw, e))
	if e.Series != 0 && e.Series != e.ID {
		text = text.Append(l.T("record.updates", "ID", ID(e.Series)))
	}
	return Reply{EntryID: e.ID, Doc: reply.Doc{
		reply.Para{Text: text},
		reply.Note{Text: l.T("record.wrong", "Cmd", c.command, "ID", ID(e.ID))},
		c.entryActions(l, e.ID),
	}}, nil
}

// entryActions are the buttons under a recorded entry: Undo, which asks
// first and retracts exactly that entry.
func (c *Core) entryActions(l *locale.Loc, id int64) reply.Actions {
	return reply.Actions{Buttons: []reply.Button{{
		Label: l.S("button.undo"), Intent: reply.IntentUndo, Arg: ID(id),
		Confirm: &reply.Confirm{Title: l.S("button.undo_title"), Text: l.S("button.undo_text", "ID", ID(id)),
			Yes: l.S("button.undo"), No: l.S("button.keep")},
	}}}
}

func isNotFound(err error) bool { return errors.Is(err, ctbot.ErrNotFound) }

// parseID reads an entry ID written as 42 or #42.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badInput("err.not_id", "Text", s)
	}
	return id, nil
}
