package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// qualifier is one of the qualifiers a Question carries, as its answer
// honours it or names it as not applied.
type qualifier int

const (
	qStates qualifier = iota
	qTopics
	qLevels
	qCourses
	qOnline
	qWindow
	qWomen
	qVerified
	qEvidence
	qMore
	qRank
	qAhead
	qPeople
	qIndicators
	nQualifiers
)

// qualifierKeys name each qualifier in the catalogues (ask.q.<key>).
var qualifierKeys = [nQualifiers]string{"states", "topics", "levels", "courses", "online", "window", "women", "verified", "evidence",
	"more", "rank", "ahead", "people", "indicators"}

// asked is a question being answered: what it asks, the figures of now,
// and which of its qualifiers the answer has honoured or set aside.
type asked struct {
	c     *Core
	ctx   context.Context
	l     *locale.Loc
	req   Request
	q     *Question
	now   time.Time
	today ctbot.Date
	fw    *ctbot.Framework // the phase in force today
	s     *ctbot.Snapshot
	v     *View
	// used marks the qualifiers the answer honoured; why the reasons the
	// answer gave for one it could not apply.
	used [nQualifiers]bool
	why  [nQualifiers]reply.Inline
	// people is set when the answer shows who recorded what: it then goes
	// to the asker alone.
	people bool
}

// answer answers question q, as read from what req says, in l's
// language: what it answered, the figures, where the details are, and
// which of the question's qualifiers it could not apply. It records
// nothing.
func (c *Core) answer(ctx context.Context, l *locale.Loc, req Request, q *Question) (r Reply) {
	qc := *q // answers may fill in a default (a window)
	a := &asked{c: c, ctx: ctx, l: l, req: req, q: &qc, now: c.now()}
	defer func() {
		if p := recover(); p != nil {
			r = c.errorReply(ctx, l, nil, fmt.Errorf("panic answering %q: %v", q.Subject, p))
		}
		r.Shareable = !r.Failed && !a.people && q.Subject != SubjectHelp && q.Subject != SubjectUnknown
		r.Command = "ask"
		if r.Outcome == "" {
			r.Outcome = "ok"
		}
	}()
	if q.Subject == SubjectHelp {
		return Reply{Doc: a.help(nil)}
	}
	ac := c.accessNow(ctx)
	if !ac.CanRead(c.fw, req.UserID) {
		return c.errorReply(ctx, l, nil, forbidden("err.may_not_read"))
	}
	a.mine(ac)
	if q.Subject == SubjectUnknown {
		return Reply{Doc: a.help(l.T("ask.not_understood"))}
	}
	a.today = c.fw.Today(a.now)
	a.fw = c.fw.Current(a.today)
	s, err := c.figures.Current(ctx)
	if err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	a.s, a.v = s, c.NewView(l, s, a.today)
	doc, err := a.subject()
	if err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	if n := a.notApplied(); n != nil {
		doc = append(doc, reply.Note{Text: n})
	}
	return Reply{Doc: doc}
}

// subject answers what the question asks, then the indicators it names
// that the answer did not show: "women trainees vs women in policy" has
// both the share of women among trainees and the indicator.
func (a *asked) subject() (reply.Doc, error) {
	doc, err := a.subjectAlone()
	if err != nil || !a.asks(qIndicators) || a.used[qIndicators] || !slices.Contains(withIndicators, a.q.Subject) || len(doc) == 0 {
		return doc, err
	}
	a.use(qIndicators)
	var more reply.Doc
	for _, ind := range a.q.Indicators {
		more = append(more, reply.Para{Text: a.l.T("ask.head_now", "What", reply.Plain(ind.NameIn(a.l.Lang())), "Date", a.today,
			"Text", a.v.IndicatorLine(a.v.progressOf(ind)))})
		if a.q.Women && ind.Measure == ctbot.MeasurePercent {
			more = append(more, reply.Note{Text: a.l.T("ask.indicator_not_women", "Name", ind.NameIn(a.l.Lang()))})
		}
	}
	last := len(doc) - 1 // where the details are, last
	return append(append(doc[:last:last], more...), doc[last]), nil
}

// withIndicators are the subjects whose answer shows, after its figures,
// the indicators the question names.
var withIndicators = []Subject{SubjectOverview, SubjectState, SubjectTrainings, SubjectWomen, SubjectWorkshops}

// subjectAlone answers what the question asks. A ranking, and "how many
// more" of anything measured against a target, are answered as such
// whatever the subject read.
func (a *asked) subjectAlone() (reply.Doc, error) {
	q := a.q
	switch {
	case q.Rank.By != "" && q.Subject != SubjectWho:
		return a.rank()
	case q.More && q.Subject != SubjectWho && q.Subject != SubjectEvidence:
		return a.target()
	}
	switch q.Subject {
	case SubjectOverview:
		return a.overview()
	case SubjectState:
		return a.state()
	case SubjectCompare:
		return a.compare()
	case SubjectIndicator:
		return a.indicator()
	case SubjectTarget:
		return a.target()
	case SubjectWomen:
		return a.women()
	case SubjectTrainings:
		return a.trainings()
	case SubjectWorkshops:
		return a.workshops()
	case SubjectChanged:
		return a.changed()
	case SubjectUpcoming:
		return a.upcoming()
	case SubjectOverdue:
		return a.overdue()
	case SubjectKickoffs:
		return a.kickoffs()
	case SubjectEvents:
		return a.events()
	case SubjectBehind:
		return a.behind()
	case SubjectQuiet:
		return a.quiet()
	case SubjectReadiness:
		return a.readiness()
	case SubjectWho:
		return a.who()
	case SubjectLastReport:
		return a.lastReport()
	case SubjectEvidence:
		return a.evidence()
	case SubjectEvent:
		return a.event()
	}
	return a.help(a.l.T("ask.not_understood")), nil
}

// use marks qualifiers as honoured.
func (a *asked) use(qs ...qualifier) {
	for _, x := range qs {
		a.used[x] = true
	}
}

// skip says why a qualifier is set aside (message ask.why.<why>), should
// the answer not honour it: the first reason given stands.
func (a *asked) skip(x qualifier, why string, args ...any) {
	if a.asks(x) && a.why[x] == nil {
		a.why[x] = a.l.T("ask.why."+why, args...)
	}
}

// asks reports whether the question carries qualifier x.
func (a *asked) asks(x qualifier) bool {
	q := a.q
	switch x {
	case qStates:
		return len(q.States) > 0
	case qTopics:
		return len(q.Topics) > 0
	case qLevels:
		return len(q.Levels) > 0
	case qCourses:
		return len(q.Courses) > 0
	case qOnline:
		return q.Online != ctbot.Either
	case qWindow:
		return !q.Window.IsZero()
	case qWomen:
		return q.Women
	case qVerified:
		return q.Verified != ctbot.Either
	case qEvidence:
		return q.Evidence != ctbot.Either
	case qMore:
		return q.More
	case qRank:
		return q.Rank.By != ""
	case qAhead:
		return q.Ahead > 0
	case qPeople:
		return len(q.People) > 0
	case qIndicators:
		return len(q.Indicators) > 0
	}
	return false
}

// notApplied names every qualifier the question carries that the answer
// did not honour, with why, and what the question said that could not be
// read; nil when there is none.
func (a *asked) notApplied() reply.Inline {
	var parts []reply.Inline
	for x := range nQualifiers {
		if !a.asks(x) || a.used[x] {
			continue
		}
		why := a.why[x]
		if why == nil {
			why = a.l.T("ask.why.not_for", "What", a.l.T("ask.what."+string(a.q.Subject)))
		}
		parts = append(parts, a.l.T("ask.unapplied_item", "What", a.qualifierText(x), "Why", why))
	}
	for _, u := range a.q.Unread {
		parts = append(parts, a.l.T("ask.unapplied_item", "What", a.l.T("ask.quoted", "Text", u), "Why", a.l.T("ask.why.unread")))
	}
	if parts == nil {
		return nil
	}
	return a.l.T("ask.unapplied", "List", reply.Join(a.l.T("ask.answer_sep"), parts...))
}

// qualifierText is a qualifier as the question put it: "level basic",
// "in Q3".
func (a *asked) qualifierText(x qualifier) reply.Inline {
	q, l := a.q, a.l
	var what any
	switch x {
	case qStates:
		what = a.stateNames(q.States)
	case qTopics:
		what = codeWords{Names: a.fw.TopicNames, Codes: a.fw.Topics, Only: q.Topics}
	case qLevels:
		what = strings.Join(q.Levels, l.S("list.sep"))
	case qCourses:
		what = strings.Join(q.Courses, l.S("list.sep"))
	case qOnline:
		what = l.T("ask.online." + map[bool]string{true: "yes", false: "no"}[q.Online == ctbot.Yes])
	case qWindow:
		what = a.when()
	case qVerified:
		what = l.T("ask.want." + wantKey(q.Verified))
	case qEvidence:
		what = l.T("ask.want." + wantKey(q.Evidence))
	case qRank:
		what = q.Rank.By
	case qAhead:
		what = q.Ahead
	case qPeople:
		var us []reply.Inline
		for _, u := range q.People {
			us = append(us, reply.User(u))
		}
		what = reply.Join(l.T("list.sep"), us...)
	case qIndicators:
		var names []reply.Inline
		for _, ind := range q.Indicators {
			names = append(names, reply.Plain(ind.NameIn(l.Lang())))
		}
		what = reply.Join(l.T("list.sep"), names...)
	}
	return l.T("ask.q."+qualifierKeys[x], "What", what)
}

func wantKey(w ctbot.Want) string {
	if w == ctbot.Yes {
		return "yes"
	}
	return "no"
}

// stateNames are states by name, in the reader's language.
func (a *asked) stateNames(cs []*ctbot.Country) reply.Inline {
	names := make([]reply.Inline, len(cs))
	for i, c := range cs {
		names[i] = reply.Plain(c.NameIn(a.l.Lang()))
	}
	return reply.Join(a.l.T("list.sep"), names...)
}

// where is what the answer covers: the states named, or the programme.
func (a *asked) where() reply.Inline {
	if len(a.q.States) == 0 {
		return a.l.T("ask.programme_wide")
	}
	return a.stateNames(a.q.States)
}

// when is the question's window in words: "1–30 Nov 2026", "since Mon 1
// Sep 2026", "recorded 1–7 Dec 2026"; "to date" for all time.
func (a *asked) when() reply.Inline {
	w, l := a.q.Window, a.l
	var days reply.Inline
	switch {
	case w.IsZero():
		return l.T("ask.when.all", "Date", a.today)
	case w.From.IsZero():
		days = l.T("ask.when.until", "Date", w.To)
	case w.To.IsZero():
		days = l.T("ask.when.since", "Date", w.From)
	default:
		days = reply.Plain(l.DateRange(w.From, w.To))
	}
	if w.Recorded {
		return l.T("ask.when.recorded", "Days", days)
	}
	return days
}

// head says what the answer answers, over what and when, then the figures:
// "Trainings in Kenya, 1–30 Nov 2026: …".
func (a *asked) head(what string, where, when, text reply.Inline) reply.Block {
	if text == nil {
		return reply.Para{Text: a.l.T("ask.title", "What", a.l.T("ask.what."+what), "Where", where, "When", when)}
	}
	return reply.Para{Text: a.l.T("ask.head", "What", a.l.T("ask.what."+what), "Where", where, "When", when, "Text", text)}
}

// details says where the details are: the status of each state named, or
// the commands given.
func (a *asked) details(cmds ...string) reply.Block {
	if len(cmds) == 0 {
		for _, c := range a.q.States {
			cmds = append(cmds, "status "+strings.ToLower(c.Code))
		}
		for _, ind := range a.q.Indicators {
			cmds = append(cmds, "status "+ind.Code)
		}
		if len(cmds) == 0 {
			cmds = append(cmds, "status")
		}
	}
	var out []reply.Inline
	seen := map[string]bool{}
	for _, c := range cmds {
		if !seen[c] { // an indicator named twice ("the investigation … investigation")
			seen[c] = true
			out = append(out, reply.Styled(a.c.command+" "+c, reply.Code))
		}
	}
	return reply.Note{Text: a.l.T("ask.details", "List", reply.Join(a.l.T("list.sep"), out...))}
}

// historyDetails says where the entries behind an answer are: the
// history of each state named, or of the programme.
func (a *asked) historyDetails() reply.Block {
	hist := []string{"history"}
	if len(a.q.States) > 0 {
		hist = nil
	}
	for _, c := range a.q.States {
		hist = append(hist, "history "+strings.ToLower(c.Code))
	}
	return a.details(hist...)
}

// states are the states the answer covers: those named, or every state
// active today.
func (a *asked) states() []*ctbot.Country {
	if len(a.q.States) > 0 {
		return a.q.States
	}
	return a.fw.ActiveOn(a.today)
}

// codes are the ISO codes of cs.
func codes(cs []*ctbot.Country) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

// mine reads "my country" as the states the asker is the focal point of,
// when the question names none; else it is named as not applied.
func (a *asked) mine(ac ctbot.Access) {
	if a.q.Mine == "" {
		return
	}
	codes := ac.FocalCountries(a.c.fw, a.req.UserID)
	if len(codes) == 0 || len(a.q.States) > 0 {
		a.q.Unread = append(a.q.Unread, a.q.Mine)
		return
	}
	for _, code := range codes {
		a.q.States = append(a.q.States, a.c.fw.Country(code))
	}
	if a.q.Subject == SubjectOverview {
		a.q.Subject = SubjectState
	}
}
