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

// Bounds of `history N`.
const (
	defaultHistory = 10
	maxHistory     = 50
)

// runHistory lists entries newest first, a page at a time: `history
// [country] [N] [page=P]`, the country and N in either order.
func runHistory(ctx context.Context, c *Core, call *call) (Reply, error) {
	l := call.l
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	opts, err := call.args.takeOptions([]string{"page"})
	if err != nil {
		return Reply{}, err
	}
	page := 1
	if _, ok := opts.values["page"]; ok {
		if page, _, err = opts.count("page"); err != nil || page < 1 {
			return Reply{}, badField("page", "err.page")
		}
	}
	f := ctbot.EntryFilter{Limit: defaultHistory}
	for i, t := range call.args.toks {
		if n, err := strconv.Atoi(t.text); err == nil {
			if n < 1 || n > maxHistory {
				return Reply{}, badInput("err.history_n", "Max", maxHistory)
			}
			f.Limit = n
			call.args.toks = append(call.args.toks[:i:i], call.args.toks[i+1:]...)
			break
		}
	}
	if !call.args.empty() {
		country, err := call.args.country(c.fw, false)
		if err != nil {
			return Reply{}, err
		}
		f.Country = country
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	total, err := c.entries.CountHistory(ctx, f)
	if err != nil {
		return Reply{}, err
	}
	f.Offset = (page - 1) * f.Limit
	es, err := c.entries.History(ctx, f)
	if err != nil {
		return Reply{}, err
	}
	where := l.T("history.everywhere")
	if f.Country != "" {
		where = reply.Plain(CountryName(l, c.fw, f.Country))
	}
	switch {
	case total == 0 && f.Country == "":
		return Reply{Doc: reply.Doc{reply.Para{Text: l.T("history.none_anywhere", "Cmd", c.command)}}}, nil
	case total == 0:
		return Reply{Doc: reply.Doc{reply.Para{Text: l.T("history.none", "Where", where)}}}, nil
	}
	if len(es) == 0 {
		return Reply{}, badField("page", "err.page_past_end", "Page", page, "Pages", (total+f.Limit-1)/f.Limit)
	}
	var items []reply.Inline
	for _, e := range es {
		items = append(items, c.historyLine(l, call, e))
	}
	first, last := f.Offset+1, f.Offset+len(es)
	doc := reply.Doc{
		reply.Para{Text: l.T("history.title", "Where", where, "First", first, "Last", last, "N", total)},
		reply.List{Items: items},
		reply.Note{Text: l.T("history.footer", "Cmd", c.command)},
	}
	if last < total {
		next := strings.TrimSpace("history " + f.Country + " " + strconv.Itoa(f.Limit) + " page=" + strconv.Itoa(page+1))
		doc = append(doc, reply.Actions{Buttons: []reply.Button{{
			Label: l.S("button.next", "N", min(f.Limit, total-last)), Intent: reply.IntentRun, Arg: next}}})
	}
	return Reply{Doc: doc}, nil
}

// historyNote is how much of an entry's note a history line shows: a
// page of fifty long notes must still fit a few messages. `audit <id>`
// shows the whole entry.
const historyNote = 280

// preview is e with its note cut to historyNote characters, and whether it was.
func preview(e *ctbot.Entry) (*ctbot.Entry, bool) {
	r := []rune(e.Note)
	if len(r) <= historyNote {
		return e, false
	}
	p := *e
	p.Note = strings.TrimSpace(string(r[:historyNote-1])) + "…"
	return &p, true
}

func (c *Core) historyLine(l *locale.Loc, call *call, e *ctbot.Entry) reply.Inline {
	e, cut := preview(e)
	line := historyEntry(l, c.fw, call.now, e)
	if cut {
		line = line.Append(reply.Plain(" "), l.T("history.cut", "Cmd", c.command, "ID", ID(e.ID)))
	}
	return line
}

// historyEntry is an entry as history lists it, as of now: its ID, what
// it says, who recorded it and when (or who retracted it, and why).
func historyEntry(l *locale.Loc, fw *ctbot.Framework, now time.Time, e *ctbot.Entry) reply.Inline {
	if e.Retracted {
		return l.T("history.retracted", "ID", ID(e.ID), "Entry", Describe(l, fw, e), "By", reply.User(e.RetractedBy), "Reason", e.RetractReason)
	}
	return l.T("history.line", "ID", ID(e.ID), "Entry", Describe(l, fw, e), "By", reply.User(e.UserID), "Ago", Ago(l, now, e.CreatedAt))
}

// runUndo is `undo` (names your latest entry and asks which to retract) or
// `undo ID` (retracts your entry ID of the last 24 hours). An undo never
// retracts an entry it has not named: a command delivered late cannot
// retract an older entry than the one meant.
func runUndo(ctx context.Context, c *Core, call *call) (Reply, error) {
	l := call.l
	t, ok := call.args.next()
	if ok {
		id, err := parseID(t.text)
		if err != nil {
			return Reply{}, err
		}
		if err := call.noMoreArgs(); err != nil {
			return Reply{}, err
		}
		return c.undo(ctx, call, id)
	}
	e, err := c.entries.LatestByUser(ctx, call.user(), call.now.Add(-UndoWindow))
	if isNotFound(err) {
		return Reply{}, refused("err.nothing_to_undo", "Cmd", c.command)
	}
	if err != nil {
		return Reply{}, err
	}
	return Reply{EntryID: e.ID, Doc: reply.Doc{
		reply.Para{Text: l.T("undo.which", "ID", ID(e.ID), "Entry", Describe(l, c.fw, e), "Ago", Ago(l, call.now, e.CreatedAt))},
		reply.Note{Text: l.T("undo.which_note", "Cmd", c.command, "ID", ID(e.ID))},
		reply.Actions{Buttons: []reply.Button{{Label: l.S("button.retract_id", "ID", ID(e.ID)), Intent: reply.IntentUndo, Arg: ID(e.ID), Danger: true}}},
	}}, nil
}

// undo retracts entry id if the caller recorded it within UndoWindow: the
// rule of `undo ID` and of the Undo button.
func (c *Core) undo(ctx context.Context, call *call, id int64) (Reply, error) {
	e, err := c.entries.Entry(ctx, id)
	switch {
	case isNotFound(err) || err == nil && e.UserID != call.user():
		return Reply{}, refused("err.not_your_entry", "ID", ID(id), "Cmd", c.command)
	case err != nil:
		return Reply{}, err
	case e.Retracted:
		return Reply{}, ctbot.AlreadyRetracted(e)
	case call.now.Sub(e.CreatedAt) > UndoWindow:
		return Reply{}, refused("err.undo_too_old", "ID", ID(id), "Cmd", c.command)
	}
	return c.retract(ctx, call, e, call.l.S("undo.reason"), false)
}

// Undo retracts entry id for the user of req: the Undo button, with the
// same rule as `undo ID`.
func (c *Core) Undo(ctx context.Context, req Request, id int64) (r Reply) {
	cmd := c.lookup("undo")
	l := c.Loc(req.UserID)
	defer func() {
		r.Command = cmd.Name
		if r.Outcome == "" {
			r.Outcome = "ok"
		}
	}()
	r, err := c.undo(ctx, c.newCall(ctx, req, cmd, l), id)
	if err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	return r
}

func runRetract(ctx context.Context, c *Core, call *call) (Reply, error) {
	id, err := call.entryID()
	if err != nil {
		return Reply{}, err
	}
	reason, err := call.reason()
	if err != nil {
		return Reply{}, err
	}
	e, err := c.entries.Entry(ctx, id)
	if err != nil && !isNotFound(err) {
		return Reply{}, err
	}
	// Only coordinators learn whether an entry exists and whose it is.
	if !call.isCoordinator() && (err != nil || !call.access.CanRetract(call.user(), e)) {
		return Reply{}, refused("err.not_your_entry", "ID", ID(id), "Cmd", c.command)
	}
	if err != nil {
		return Reply{}, refused("err.no_entry", "ID", ID(id))
	}
	return c.retract(ctx, call, e, reason, true)
}

// retract retracts e for the caller. given says the reason was the
// caller's own: an undo's automatic reason does not change a closed period.
func (c *Core) retract(ctx context.Context, call *call, e *ctbot.Entry, reason string, given bool) (Reply, error) {
	l := call.l
	if e.Retracted {
		return Reply{}, ctbot.AlreadyRetracted(e)
	}
	why := reason
	if !given {
		why = ""
	}
	o, err := c.writeInto(ctx, call, why, e.Date)
	var ce *ctbot.Error
	if errors.As(err, &ce) && ce.Message == "err.period_closed_reason" {
		return Reply{}, refused("err.period_closed_undo", append(ce.Args, "ID", ID(e.ID))...)
	}
	if err != nil {
		return Reply{}, err
	}
	after, err := c.entries.Retract(ctx, e.ID, call.user(), reason, o)
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{EntryID: e.ID, Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: l.T("retract.duplicate", "ID", ID(e.ID))}}}, nil
	case err != nil:
		return Reply{}, err // retracted meanwhile, it says by whom
	}
	doc := reply.Doc{reply.Para{Text: l.T("retract.done", "ID", ID(after.ID), "Entry", Describe(l, c.fw, after))}}
	for _, f := range call.flags {
		doc = append(doc, reply.Para{Text: f})
	}
	if given {
		doc = doc.Append(c.reasonWarning(call, reason, ID(e.ID)))
	}
	return Reply{EntryID: after.ID, Doc: append(doc, reply.Note{Text: l.T("retract.note", "Reason", reason)})}, nil
}

// mayRead refuses users who may not read status and history.
func (c *Core) mayRead(call *call) error {
	if call.access.CanRead(c.fw, call.user()) {
		return nil
	}
	return forbidden("err.may_not_read")
}
