package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Answers to a reminder, the last part of its buttons' Arg.
const (
	AnswerHeld      = "held"      // opens the form, filled in, to record it held with its counts
	AnswerPostponed = "postponed" // with a new date: records the postponement
	AnswerCancelled = "cancelled" // records the cancellation
	AnswerSnooze    = "snooze"    // asks again in SnoozeDays
)

// SnoozeDays is how much later "Remind me next week" asks again.
const SnoozeDays = 7

// EventName names an event: "project kick-off", "workshop “LEA readiness”".
func EventName(l *locale.Loc, e *ctbot.Entry) reply.Inline {
	switch {
	case e.Kind == ctbot.KindKickoff:
		return l.T("remind.kickoff")
	case e.Title != "":
		return l.T("remind.workshop_titled", "Title", e.Title)
	}
	return l.T("remind.workshop")
}

// EventActions are the buttons under a reminder about event e (an open
// kick-off or workshop): Held, Postponed… (a date picker), Cancelled and
// Remind me next week. Their Arg is "series/date/answer": the event and
// the date the reminder was about, so an answer to an outdated reminder
// is noticed.
func EventActions(l *locale.Loc, e *ctbot.Entry) reply.Actions {
	arg := func(answer string) string { return fmt.Sprintf("%d/%s/%s", seriesOf(e), e.Date, answer) }
	return reply.Actions{Buttons: []reply.Button{
		{Label: l.S("button.event_held"), Intent: reply.IntentEventAnswer, Arg: arg(AnswerHeld), Primary: true},
		{Label: l.S("button.event_postponed"), Intent: reply.IntentEventAnswer, Arg: arg(AnswerPostponed), PickDate: true},
		{Label: l.S("button.event_cancelled"), Intent: reply.IntentEventAnswer, Arg: arg(AnswerCancelled), Danger: true,
			Confirm: &reply.Confirm{Title: l.S("button.event_cancelled_title"), Text: l.S("button.event_cancelled_text"),
				Yes: l.S("button.event_cancelled"), No: l.S("button.keep")}},
		{Label: l.S("button.event_snooze"), Intent: reply.IntentEventAnswer, Arg: arg(AnswerSnooze)},
	}}
}

func seriesOf(e *ctbot.Entry) int64 {
	if e.Series != 0 {
		return e.Series
	}
	return e.ID
}

// eventAnswer is a reminder button's value, read back.
type eventAnswer struct {
	series  int64
	date    ctbot.Date // the date the reminder was about
	answer  string
	newDate string // postponed: the date picked
}

// parseEventAnswer reads a button's value; anything ctbot did not make is
// refused.
func parseEventAnswer(value, command string) (eventAnswer, error) {
	bad := refused("err.event_button", "Cmd", command)
	parts := strings.Split(value, "/")
	if len(parts) < 3 || len(parts) > 4 {
		return eventAnswer{}, bad
	}
	series, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || series <= 0 {
		return eventAnswer{}, bad
	}
	date, err := ctbot.ParseDate(parts[1])
	if err != nil {
		return eventAnswer{}, bad
	}
	a := eventAnswer{series: series, date: date, answer: parts[2]}
	switch {
	case a.answer == AnswerPostponed && len(parts) == 4 && looksLikeDate(parts[3]):
		a.newDate = parts[3]
	case a.answer == AnswerPostponed:
		return eventAnswer{}, badField("date", "err.event_pick_date")
	case len(parts) == 4 || !contains([]string{AnswerHeld, AnswerCancelled, AnswerSnooze}, a.answer):
		return eventAnswer{}, bad
	}
	return a, nil
}

// AnswerEvent carries out a reminder's button for the person who clicked,
// with the same rules, permissions and audit as the kickoff or workshop
// command it stands for (which it runs). value is the button's Arg, with
// "/" and the date picked for Postponed. Only the event's ID travels in
// the button: its country, type and title are read from storage, so a
// button cannot be made to record for another event or country than it
// names. A second delivery of the same click answers with what the first
// recorded. Reply.Settled is what the reminder should now say.
//
// A postponement or cancellation is recorded as the kickoff or workshop
// form would record it (Submit), for the event the button names.
func (c *Core) AnswerEvent(ctx context.Context, req Request, value string) (r Reply) {
	l := c.Loc(req.UserID)
	cmd := c.lookup("workshop")
	defer func() {
		r.Command = "answer"
		if r.Outcome == "" {
			r.Outcome = "ok"
		}
	}()
	call := c.newCall(ctx, req, cmd, l)
	earlier, err := c.entries.Earlier(ctx, req.UserID, "", req.Keys, 0)
	if err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	if earlier != nil {
		r := c.duplicateReply(l, call.now, earlier)
		r.Settled = c.settled(c.settleLoc(req, l), earlier)
		return r
	}
	a, latest, err := c.answeredEvent(ctx, value)
	if err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	cmd = c.lookup(string(latest.Kind))
	call.cmd = cmd
	// A reminder answered meanwhile (another copy of it, or by command)
	// is refused, and then says what was recorded and by whom.
	switch {
	case !latest.Status.Open():
		r := c.errorReply(ctx, l, cmd, refused("err.event_answered", "Entry", Describe(l, c.fw, latest), "ID", ID(latest.ID), "Cmd", c.command))
		r.Settled = c.settled(c.settleLoc(req, l), latest)
		return r
	case latest.Date != a.date:
		r := c.errorReply(ctx, l, cmd, refused("err.event_changed", "Entry", Describe(l, c.fw, latest), "ID", ID(latest.ID), "Cmd", c.command))
		r.Settled = c.settled(c.settleLoc(req, l), latest)
		return r
	}
	if err := c.mayRecord(call, latest.Country); err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	req.Series = seriesOf(latest)
	switch a.answer {
	case AnswerHeld:
		return Reply{Form: &Form{Kind: string(latest.Kind), Series: req.Series, Values: map[string]string{
			"country": latest.Country, "date": latest.Date.String(), "title": latest.Title, "status": string(ctbot.StatusHeld)}},
			Doc: reply.Doc{reply.Para{Text: l.T("form.opening", "Kind", locale.M("form.kind."+string(latest.Kind)))}}}
	case AnswerSnooze:
		on := call.today.AddDays(SnoozeDays)
		err := c.settings.Snooze(ctx, req.Series, on, req.UserID, call.write())
		if err != nil && ctbot.CodeOf(err) != ctbot.EDuplicate {
			return c.errorReply(ctx, l, cmd, err)
		}
		return Reply{Doc: reply.Doc{reply.Para{Text: l.T("event.snoozed", "On", on)}},
			Settled: reply.Doc{reply.Para{Text: l.T("event.settled_snoozed", "Country", CountryName(l, c.fw, latest.Country),
				"Event", EventName(l, latest), "Date", latest.Date, "User", reply.User(req.UserID), "On", on)}}}
	}
	date := latest.Date
	if a.answer == AnswerPostponed {
		if date, err = parseDate(a.newDate, call.today); err != nil {
			return c.errorReply(ctx, l, cmd, err)
		}
	}
	status := ctbot.Status(a.answer)
	if latest.Kind == ctbot.KindKickoff {
		return c.Submit(ctx, req, &KickoffInput{Country: latest.Country, Status: status, Date: date})
	}
	return c.Submit(ctx, req, &WorkshopInput{Country: latest.Country, Status: status, Date: date})
}

// answeredEvent reads a button's value and finds the latest entry of the
// event it names, which must be a kick-off or workshop.
func (c *Core) answeredEvent(ctx context.Context, value string) (eventAnswer, *ctbot.Entry, error) {
	a, err := parseEventAnswer(value, c.command)
	if err != nil {
		return a, nil, err
	}
	first, err := c.entries.Entry(ctx, a.series)
	switch {
	case isNotFound(err):
		return a, nil, refused("err.event_button", "Cmd", c.command)
	case err != nil:
		return a, nil, err
	case first.Kind != ctbot.KindKickoff && first.Kind != ctbot.KindWorkshop || seriesOf(first) != a.series:
		return a, nil, refused("err.event_button", "Cmd", c.command)
	}
	series, err := c.figures.Series(ctx, first.Kind, first.Country)
	if err != nil {
		return a, nil, err
	}
	for _, e := range series {
		if seriesOf(e) == a.series {
			return a, e, nil
		}
	}
	return a, nil, refused("err.event_button", "Cmd", c.command)
}

// pinnedSeries is the event a reminder's answer continues (call.req.Series),
// among the latest entries of the country's series; it must be open.
func (c *Core) pinnedSeries(call *call, series []*ctbot.Entry) (*ctbot.Entry, error) {
	for _, e := range series {
		if seriesOf(e) != call.req.Series {
			continue
		}
		if !e.Status.Open() {
			return nil, refused("err.event_answered", "Entry", Describe(call.l, c.fw, e), "ID", ID(e.ID), "Cmd", c.command)
		}
		return e, nil
	}
	return nil, refused("err.event_button", "Cmd", c.command)
}

// settled is what a reminder says once answered by entry e: what was
// recorded, and by whom.
// settleLoc is the language a reminder is rewritten in: its own.
func (c *Core) settleLoc(req Request, l *locale.Loc) *locale.Loc {
	if req.SettleLanguage != "" {
		return c.cat.For(req.SettleLanguage)
	}
	return l
}

func (c *Core) settled(l *locale.Loc, e *ctbot.Entry) reply.Doc {
	return reply.Doc{reply.Para{Text: l.T("event.settled", "Entry", Describe(l, c.fw, e), "ID", ID(e.ID), "User", reply.User(e.UserID))}}
}
