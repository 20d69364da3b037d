package commands

import (
	"context"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// coordinatorEntry reads the entry a coordinators' command names: `verify
// <id>`, `redact <id>`. Others are refused before anything is read; a
// retracted entry only when retracted is false.
func (c *Core) coordinatorEntry(ctx context.Context, call *call, what string, retracted bool) (*ctbot.Entry, error) {
	if !call.isCoordinator() {
		return nil, forbidden("err.coordinators_only", "What", what)
	}
	id, err := call.entryID()
	if err != nil {
		return nil, err
	}
	e, err := c.entries.Entry(ctx, id)
	switch {
	case isNotFound(err):
		return nil, refused("err.no_entry", "ID", ID(id))
	case err != nil:
		return nil, err
	case e.Retracted && !retracted:
		return nil, refused("err.amend_retracted", "ID", ID(id))
	}
	return e, nil
}

// runVerify marks an entry checked against its evidence: `verify <id> [note]`.
func runVerify(ctx context.Context, c *Core, call *call) (Reply, error) {
	e, err := c.coordinatorEntry(ctx, call, "verify", false)
	if err != nil {
		return Reply{}, err
	}
	note, err := cleanReason(call.args.rest())
	if err != nil {
		return Reply{}, err
	}
	o := call.write()
	o.AfterClose = true // a coordinator's check; marked if the period is closed
	after, err := c.entries.Verify(ctx, e.ID, call.user(), note, o)
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{EntryID: e.ID, Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: call.l.T("verify.duplicate", "ID", ID(e.ID))}}}, nil
	case err != nil:
		return Reply{}, err
	}
	doc := reply.Doc{reply.Para{Text: call.l.T("verify.done", "ID", ID(e.ID), "Entry", Describe(call.l, c.fw, after))}}
	if !after.HasEvidence() {
		doc = append(doc, reply.Para{Text: call.l.T("verify.no_evidence", "ID", ID(e.ID), "Cmd", c.command)})
	}
	return Reply{EntryID: e.ID, Doc: doc}, nil
}
