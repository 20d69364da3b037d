package commands

import "github.com/cttechplus/ctbot"

// audience is who may use a command; help lists first what the reader may
// use. The commands check permissions themselves; this only orders help.
type audience int

// Audiences.
const (
	everyone     audience = iota
	readers               // may read status and history
	recorders             // may record entries (and correct their own)
	exporters             // coordinators and managers
	coordinators          // coordinators only
)

// mayUse reports whether user is in cmd's audience under ac.
func (c *Core) mayUse(ac ctbot.Access, user string, cmd *Command) bool {
	switch cmd.Who {
	case readers:
		return ac.CanRead(c.fw, user)
	case recorders:
		return ac.CanRecordAny(c.fw, user)
	case exporters:
		return ac.CanExport(user)
	case coordinators:
		return ac.IsCoordinator(user)
	}
	return true
}
