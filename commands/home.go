package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// homeEntries is how many of the viewer's own entries the App Home lists.
const homeEntries = 5

// Home is the App Home tab for user: every indicator with a progress bar,
// upcoming events, quiet countries and the user's own recent entries.
func (c *Core) Home(ctx context.Context, user string) (Reply, error) {
	l := c.Loc(user)
	now := c.now()
	today := c.fw.Today(now)
	ac := c.accessNow(ctx)
	if !ac.CanRead(c.fw, user) {
		return c.homeNoRole(l, ac), nil
	}
	s, err := c.figures.Current(ctx)
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	v := c.NewView(l, s, today)
	var doc reply.Doc
	for _, code := range ac.FocalCountries(c.fw, user) {
		doc = append(doc, c.homeState(l, v, c.fw.Country(code))...)
	}
	doc = append(doc, reply.Heading{Text: l.T("home.title", "Name", v.fw.Name)}, reply.Note{Text: v.Timeline()})
	for _, p := range v.progress {
		share := progressShare(p)
		doc = append(doc, reply.Para{Text: reply.Lines(
			l.T("home.indicator", "Code", p.Indicator.Code, "Title", p.Indicator.TitleIn(l.Lang())),
			l.T("home.bar", "Bar", ProgressBar(share), "Pct", l.Percent(100*share)),
			v.indicatorBody(p),
		)})
	}
	doc = append(doc, v.Upcoming()...)
	if q := v.QuietList(); q != nil {
		doc = append(doc, reply.Divider{}, q)
	}
	mine, err := c.entries.History(ctx, ctbot.EntryFilter{User: user, Limit: homeEntries})
	if err != nil {
		return Reply{}, fmt.Errorf("home: %w", err)
	}
	var items []reply.Inline
	for _, e := range mine {
		line := l.T("home.entry", "ID", ID(e.ID), "Entry", Describe(l, c.fw, e), "Ago", Ago(l, now, e.CreatedAt))
		if e.Retracted {
			line = l.T("home.entry_retracted", "Line", line)
		}
		items = append(items, line)
	}
	if len(items) == 0 {
		items = append(items, l.T("home.no_entries", "Cmd", c.command))
	}
	doc = append(doc, reply.Divider{}, reply.List{Title: l.T("home.yours"), Items: items})
	return Reply{Doc: doc}, nil
}

// homeState is a focal point's state at the top of their App Home: how it
// stands, and buttons to record for it and see its status.
func (c *Core) homeState(l *locale.Loc, v *View, co *ctbot.Country) reply.Doc {
	return reply.Doc{
		reply.Heading{Text: l.T("home.your_state", "Country", co.NameIn(l.Lang()))},
		reply.Para{Text: v.CountryLine(co)},
		reply.Actions{Buttons: []reply.Button{
			{Label: l.S("home.log_update"), Intent: reply.IntentOpenForm, Arg: "log " + co.Code, Primary: true},
			{Label: l.S("home.record_training"), Intent: reply.IntentOpenForm, Arg: "training " + co.Code},
			{Label: l.S("home.state_status", "Country", co.NameIn(l.Lang())), Intent: reply.IntentRun, Arg: "status " + co.Code},
		}},
		reply.Divider{},
	}
}

// homeNoRole is the App Home of someone with no role: who the
// coordinators are, and a button to ask them for access.
func (c *Core) homeNoRole(l *locale.Loc, ac ctbot.Access) Reply {
	doc := reply.Doc{
		reply.Heading{Text: reply.Plain(c.fw.Name)},
		reply.Para{Text: l.T("home.no_role", "Coordinators", c.coordinatorList(ac))},
	}
	if len(ac.AllCoordinators()) > 0 {
		doc = append(doc, reply.Actions{Buttons: []reply.Button{{Label: l.S("home.request_access"), Intent: reply.IntentAskAccess, Primary: true}}})
	}
	return Reply{Doc: doc}
}

// accessRequestWait is how long someone waits before asking for access
// again: the coordinators are not messaged on every click.
const accessRequestWait = 24 * time.Hour

// RequestAccess asks every coordinator, by direct message, to give the
// user of req a role. The request is logged once per user action: an
// action delivered again sends nothing more, and a second request within
// accessRequestWait is refused.
func (c *Core) RequestAccess(ctx context.Context, req Request) Reply {
	l := c.Loc(req.UserID)
	ac := c.accessNow(ctx)
	r := Reply{Command: "request-access", Outcome: "ok"}
	coordinators := ac.AllCoordinators()
	switch {
	case ac.CanRead(c.fw, req.UserID):
		r.Doc = reply.Doc{reply.Para{Text: l.T("home.request_has_role", "Cmd", c.command)}}
		return r
	case len(coordinators) == 0:
		r.Doc = reply.Doc{reply.Para{Text: l.T("home.no_role", "Coordinators", c.coordinatorList(ac))}}
		return r
	}
	err := c.roles.LogAccessRequest(ctx, req.UserID, c.now().Add(-accessRequestWait), ctbot.WriteOptions{Keys: req.Keys})
	switch {
	case ctbot.CodeOf(err) == ctbot.ERefused: // asked within the day
		r.Outcome = "refused"
		r.Doc = reply.Doc{reply.Para{Text: l.T("home.request_recent", "Coordinators", c.coordinatorList(ac), "Cmd", c.command)}}
		return r
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		r.Outcome = "duplicate"
		r.Doc = reply.Doc{reply.Para{Text: l.T("home.request_duplicate")}}
		return r
	case err != nil:
		r = c.errorReply(ctx, l, nil, err)
		r.Command = "request-access"
		return r
	}
	for _, u := range coordinators {
		cl := c.Loc(u)
		r.Notices = append(r.Notices, Notice{User: u, Doc: reply.Doc{reply.Para{
			Text: cl.T("home.request_dm", "User", reply.User(req.UserID), "Cmd", c.command, "ID", req.UserID),
		}}})
	}
	r.Doc = reply.Doc{reply.Para{Text: l.T("home.request_sent", "Coordinators", c.coordinatorList(ac), "Cmd", c.command)}}
	return r
}

// progressShare is how far an indicator has come from baseline to target,
// in [0, 1]; a share, how close it is to its target.
func progressShare(p ctbot.Progress) float64 {
	switch {
	case p.Rating == ctbot.NoData:
		return 0
	case p.Indicator.Measure == ctbot.MeasurePercent && p.Target > 0:
		return min(max(p.Actual/p.Target, 0), 1)
	case p.Target <= p.Baseline:
		return 0
	}
	return min(max((p.Actual-p.Baseline)/(p.Target-p.Baseline), 0), 1)
}

// ProgressBar draws a share in [0, 1] as ten cells.
func ProgressBar(share float64) string {
	n := int(share*10 + 0.5)
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n)
}
