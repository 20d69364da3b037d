package commands

import (
	"slices"

	"github.com/cttechplus/ctbot"
)

// may reports whether the caller has a permission (allowed, asked of who
// may do what as the call started) and, when it rests on roles granted in
// Slack rather than on the configuration, notes them: the call's writes
// carry them and fail if such a role was removed before they commit.
func (call *call) may(allowed func(ctbot.Access) bool) bool {
	if !allowed(call.access) {
		return false
	}
	b := call.access.Basis(call.user(), allowed)
	if b != nil && !slices.ContainsFunc(call.authority, func(a ctbot.Authority) bool { return slices.Equal(a.AnyOf, b.AnyOf) }) {
		call.authority = append(call.authority, *b) // checked again by the write
	}
	return true
}

// isCoordinator is the caller's permission to do what coordinators do.
func (call *call) isCoordinator() bool {
	user := call.user()
	return call.may(func(a ctbot.Access) bool { return a.IsCoordinator(user) })
}

// mayAmend refuses an amendment (by command or by the Edit button) of e
// that the caller may not make: coordinators may amend any entry; others
// their own, within AmendWindow, and only while they may still record for
// its state. Nothing is said of whose an entry is to those who may not.
func (c *Core) mayAmend(call *call, e *ctbot.Entry) error {
	if call.isCoordinator() {
		return nil
	}
	switch {
	case e.UserID != call.user():
		return refused("err.not_yours_to_amend", "ID", ID(e.ID), "Cmd", c.command)
	case call.now.Sub(e.CreatedAt) > AmendWindow:
		return refused("err.amend_too_old", "ID", ID(e.ID), "N", int(AmendWindow.Hours()/24))
	}
	return c.mayRecord(call, e.Country)
}
