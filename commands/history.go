package commands

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cttechplus/ctbot"
)

// Bounds of `history N`.
const (
	defaultHistory = 10
	maxHistory     = 50
)

func runHistory(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	f := ctbot.EntryFilter{Limit: defaultHistory}
	if n := len(call.args.toks); n > 0 {
		if v, err := strconv.Atoi(call.args.toks[n-1].text); err == nil {
			if v < 1 || v > maxHistory {
				return Reply{}, badInput(fmt.Sprintf("N must be between 1 and %d", maxHistory))
			}
			f.Limit = v
			call.args.toks = call.args.toks[:n-1]
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
	es, err := c.store.History(ctx, f)
	if err != nil {
		return Reply{}, err
	}
	where := "all countries"
	if f.Country != "" {
		where = c.fw.CountryName(f.Country)
	}
	if len(es) == 0 {
		return Reply{Sections: []Section{{Text: "No entries yet for " + where + "."}}}, nil
	}
	var b strings.Builder
	for _, e := range es {
		line := fmt.Sprintf("`#%d` %s — %s, %s", e.ID, Describe(c.fw, e), mention(e.UserID), Ago(call.now, e.CreatedAt))
		if e.Retracted {
			line = fmt.Sprintf("~`#%d` %s~ — retracted by %s: %s", e.ID, Describe(c.fw, e), mention(e.RetractedBy), Esc(e.RetractReason))
		}
		b.WriteString(line + "\n")
	}
	return Reply{Sections: []Section{{
		Text:    fmt.Sprintf("*Latest %d entries — %s*\n%s", len(es), where, b.String()),
		Context: fmt.Sprintf("Retract with `%s retract <id> <reason>`.", c.command),
	}}}, nil
}

func runUndo(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	return c.undo(ctx, call, 0)
}

// undo retracts the caller's latest entry of the last UndoWindow. With id
// set (the Undo button of an older reply), only if that entry is id, so a
// stale button never undoes a newer entry.
func (c *Core) undo(ctx context.Context, call *call, id int64) (Reply, error) {
	e, err := c.store.LatestByUser(ctx, call.user(), call.now.Add(-UndoWindow))
	switch {
	case id != 0 && (isNotFound(err) || err == nil && e.ID != id):
		return Reply{}, &UserError{Msg: fmt.Sprintf("#%d can no longer be undone: only your latest entry of the last 24 hours can. Use `%s retract %d <reason>` instead", id, c.command, id)}
	case isNotFound(err):
		return Reply{}, &UserError{Msg: fmt.Sprintf("you have no entry from the last 24 hours to undo. Use `%s history` to find older entries and `%s retract <id> <reason>`", c.command, c.command)}
	case err != nil:
		return Reply{}, err
	}
	return c.retract(ctx, call, e, "undone by its author")
}

// Undo retracts entry id for user if it is their own latest entry and not
// older than UndoWindow: the same rule as `undo`, for the Undo button.
func (c *Core) Undo(ctx context.Context, user string, id int64) (reply Reply) {
	defer func() {
		reply.Command = "undo"
		if reply.Outcome == "" {
			reply.Outcome = "ok"
		}
	}()
	r, err := c.undo(ctx, &call{req: Request{UserID: user}, now: c.now()}, id)
	if err != nil {
		return c.errorReply(ctx, c.lookup("undo"), err)
	}
	return r
}

func runRetract(ctx context.Context, c *Core, call *call) (Reply, error) {
	t, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("the entry ID is missing")
	}
	id, err := parseID(t.text)
	if err != nil {
		return Reply{}, err
	}
	reason := call.args.rest()
	if reason == "" {
		return Reply{}, badInput("the reason is missing; say why the entry is wrong, it is kept in the audit trail")
	}
	e, err := c.store.Entry(ctx, id)
	if isNotFound(err) {
		return Reply{}, &UserError{Msg: fmt.Sprintf("there is no entry #%d", id)}
	}
	if err != nil {
		return Reply{}, err
	}
	if !c.access.CanRetract(call.user(), e) {
		return Reply{}, &ForbiddenError{Msg: fmt.Sprintf("You can only retract your own entries; #%d was recorded by %s. Ask a coordinator.", id, mention(e.UserID))}
	}
	return c.retract(ctx, call, e, reason)
}

func (c *Core) retract(ctx context.Context, call *call, e *ctbot.Entry, reason string) (Reply, error) {
	if e.Retracted {
		return Reply{}, &UserError{Msg: fmt.Sprintf("#%d was already retracted by %s", e.ID, mention(e.RetractedBy))}
	}
	after, err := c.store.Retract(ctx, e.ID, call.user(), reason)
	if errors.Is(err, ctbot.ErrAlreadyRetracted) {
		return Reply{}, &UserError{Msg: fmt.Sprintf("#%d was already retracted", e.ID)}
	}
	if err != nil {
		return Reply{}, err
	}
	return Reply{Sections: []Section{{
		Text:    fmt.Sprintf(":wastebasket: Retracted #%d: %s", after.ID, Describe(c.fw, after)),
		Context: "It no longer counts anywhere; the audit trail keeps it with the reason: " + Esc(reason),
	}}}, nil
}

// mayRead refuses users who may not read status and history.
func (c *Core) mayRead(call *call) error {
	if c.access.CanRead(c.fw, call.user()) {
		return nil
	}
	return &ForbiddenError{Msg: "You are not allowed to read ctbot's status. Ask a coordinator to add you as staff or manager."}
}
