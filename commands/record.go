package commands

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
)

func runLog(ctx context.Context, c *Core, call *call) (Reply, error) {
	country, err := c.recordCountry(call, true)
	if err != nil {
		return Reply{}, err
	}
	text := call.args.rest()
	if text == "" {
		return Reply{}, badField("note", "the update text is missing")
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
	if err := checkEventDate("kick-off", status, date, call.today); err != nil {
		return Reply{}, err
	}
	e := &ctbot.Entry{Kind: ctbot.KindKickoff, Country: country, Status: status, Date: date, Note: call.args.rest()}
	prev, err := c.store.LatestKickoff(ctx, country)
	switch {
	case err == nil && prev.Status == ctbot.StatusHeld:
		return Reply{}, &UserError{Field: "status", Msg: fmt.Sprintf("%s's kick-off is already recorded as held on %s (#%d). If that was wrong, retract #%d first",
			c.fw.CountryName(country), prev.Date.Human(), prev.ID, prev.ID)}
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
		return Reply{}, badField("women", fmt.Sprintf("women=%d is more than participants=%d", women, participants))
	}
	if err := checkEventDate("workshop", status, date, call.today); err != nil {
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
		return Reply{}, badField("date", fmt.Sprintf("the training date %s is in the future; record trainings once they have taken place", date))
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
		return Reply{}, badField("title", `the course title is missing; give it in quotes, e.g. "OSINT basics"`)
	}
	trained, ok, err := opts.count("trained")
	if err != nil {
		return Reply{}, err
	}
	if !ok || trained == 0 {
		return Reply{}, badField("trained", "trained=N is missing: how many people attended (at least 1)")
	}
	women, _, err := opts.count("women")
	if err != nil {
		return Reply{}, err
	}
	if women > trained {
		return Reply{}, badField("women", fmt.Sprintf("women=%d is more than trained=%d", women, trained))
	}
	newCount, hasNew, err := opts.count("new")
	if err != nil {
		return Reply{}, err
	}
	if !hasNew {
		newCount = trained
	}
	if newCount > trained {
		return Reply{}, badField("new", fmt.Sprintf("new=%d is more than trained=%d; new counts those of the trained attending for the first time", newCount, trained))
	}
	return c.record(ctx, call, &ctbot.Entry{Kind: ctbot.KindTraining, Country: country, Date: date, Title: course,
		Trained: trained, Women: women, New: newCount, Online: opts.flags["online"]})
}

var ratioRE = regexp.MustCompile(`^(\+?)(\d+)/(\d+)$`)

func runIndicator(ctx context.Context, c *Core, call *call) (Reply, error) {
	t, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("the indicator code is missing")
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
		return Reply{}, badInput(fmt.Sprintf("`%s` is recorded per country: name the country instead of programme", ind.Code))
	case !perCountry && country != "":
		return Reply{}, badInput(fmt.Sprintf("`%s` has one programme-wide target: use `programme` instead of %s", ind.Code, c.fw.CountryName(country)))
	}
	if err := c.mayRecord(call, country); err != nil {
		return Reply{}, err
	}
	v, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("the value is missing")
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
			return badInput(fmt.Sprintf("%q is not a stage of `%s`; its stages are %s", s, ind.Code, strings.Join(ind.Stages, ", ")))
		}
		e.Op, e.Stage = ctbot.OpStage, stage
	case ctbot.MeasurePercent:
		m := ratioRE.FindStringSubmatch(s)
		if m == nil {
			if strings.HasPrefix(s, "-") {
				return badInput(fmt.Sprintf("%s: negative numbers are not accepted; set the new value as N/M instead", s))
			}
			return badInput(fmt.Sprintf("`%s` is a percent indicator: give numerator/denominator, e.g. 4/15 for 4 women of 15 people, not %q", ind.Code, s))
		}
		num, err1 := parseCount("the numerator", m[2])
		den, err2 := parseCount("the denominator", m[3])
		switch {
		case err1 != nil:
			return err1
		case err2 != nil:
			return err2
		case den == 0:
			return badInput("the denominator must be at least 1")
		case num > den:
			return badInput(fmt.Sprintf("%d/%d: the numerator is larger than the denominator", num, den))
		}
		e.Op, e.Value, e.Denom = ctbot.OpSet, int64(num), int64(den)
		if m[1] == "+" {
			e.Op = ctbot.OpAdd
		}
	default:
		if strings.Contains(s, "/") {
			return badInput(fmt.Sprintf("`%s` counts a number: give N to set it or +N to add, not %q", ind.Code, s))
		}
		n, err := parseCount("the value", s)
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
	msg := fmt.Sprintf("I don't know the indicator %q", s)
	if sug := c.fw.SuggestIndicators(s); len(sug) > 0 {
		msg += "; did you mean " + orList(sug) + "?"
	} else {
		var codes []string
		for _, ind := range c.fw.Indicators {
			codes = append(codes, ind.Code)
		}
		msg += "; the indicators are " + strings.Join(codes, ", ")
	}
	return badInput(msg)
}

// status consumes the event status word.
func (call *call) status() (ctbot.Status, error) {
	t, ok := call.args.next()
	if !ok {
		return "", badField("status", "the status is missing: planned, held, postponed or cancelled")
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
	msg := fmt.Sprintf("%q is not a status; use planned, held, postponed or cancelled", t.text)
	if looksLikeDate(t.text) {
		msg = "the status comes before the date: planned, held, postponed or cancelled"
	}
	return "", badField("status", msg)
}

// requiredDate consumes a date that must be there.
func (call *call) requiredDate() (ctbot.Date, error) {
	t, ok := call.args.peek()
	if !ok || !looksLikeDate(t.text) {
		return ctbot.Date{}, badField("date", "the date is missing: YYYY-MM-DD, today, yesterday or tomorrow")
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
func checkEventDate(what string, s ctbot.Status, d, today ctbot.Date) error {
	switch {
	case d.IsZero():
		return nil
	case s == ctbot.StatusHeld && d.After(today):
		return badField("date", fmt.Sprintf("a %s held on %s is in the future; record it as planned, or as held once it has taken place", what, d))
	case s.Open() && d.Before(today):
		return badField("date", fmt.Sprintf("a %s %s for %s is in the past; record what happened (held, postponed or cancelled)", what, s, d))
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
	where := "programme-wide entries"
	if country != "" {
		where = "entries for " + c.fw.CountryName(country)
	}
	return &ForbiddenError{Msg: fmt.Sprintf("You are not allowed to record %s. A coordinator can add you to the staff list, or as a focal point of the country.", where)}
}

// record stores e for the caller and answers with its ID; a repeat of the
// same command within DedupeWindow answers with the earlier ID instead.
func (c *Core) record(ctx context.Context, call *call, e *ctbot.Entry) (Reply, error) {
	e.UserID, e.Source = call.user(), call.source
	earlier, err := c.store.Record(ctx, e, DedupeWindow)
	if err != nil {
		return Reply{}, err
	}
	if earlier != nil {
		return Reply{EntryID: earlier.ID, Outcome: "duplicate", Sections: []Section{{
			Text: fmt.Sprintf(":repeat: Already recorded as #%d %s: %s", earlier.ID, Ago(call.now, earlier.CreatedAt), Describe(c.fw, earlier)),
			Context: fmt.Sprintf("You sent the same command within %d minutes, so nothing new was stored. To record it again on purpose, wait or change the text.",
				int(DedupeWindow.Minutes())),
		}}}, nil
	}
	text := fmt.Sprintf(":white_check_mark: Recorded #%d: %s", e.ID, Describe(c.fw, e))
	if e.Series != 0 && e.Series != e.ID {
		text += fmt.Sprintf(" (updates #%d)", e.Series)
	}
	return Reply{EntryID: e.ID, Sections: []Section{{
		Text:    text,
		Context: fmt.Sprintf("Wrong? `%s undo` within 24 hours, or `%s retract %d <reason>`.", c.command, c.command, e.ID),
	}}}, nil
}

func isNotFound(err error) bool { return errors.Is(err, ctbot.ErrNotFound) }

// parseID reads an entry ID written as 42 or #42.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badInput(fmt.Sprintf("%q is not an entry ID; IDs look like 42 or #42 (see `history`)", s))
	}
	return id, nil
}
