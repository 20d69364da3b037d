package ctbot

import (
	"slices"
	"time"
)

// Access says who may do what. Coordinators may do everything; managers may
// read status about any country; staff may record (anyone may when Staff is
// empty); a country's focal points may always record for their country.
// The lists come from the configuration, the bootstrap; Granted are the
// roles coordinators gave in Slack, which add to them and never take away.
type Access struct {
	Coordinators []string `toml:"coordinators"`
	Managers     []string `toml:"managers"`
	Staff        []string `toml:"staff"`
	Granted      []Grant  `toml:"-"`
}

// Role is a role a person holds.
type Role string

// Roles.
const (
	RoleCoordinator Role = "coordinator"
	RoleManager     Role = "manager"
	RoleStaff       Role = "staff"
	RoleFocal       Role = "focal" // a focal point of one country
)

// Grant is a role given in Slack: to User, by By, at At. Country is the
// country code of a focal point ("" for other roles).
type Grant struct {
	User    string
	Role    Role
	Country string
	By      string
	At      time.Time
}

// RoleChange is one line of the audit trail of roles: a grant, a removal,
// or a request for access (Role empty), by Actor at At.
type RoleChange struct {
	Action  string // RoleGrant, RoleRevoke or RoleRequest
	User    string
	Role    Role
	Country string
	Actor   string
	At      time.Time
}

// Role change actions.
const (
	RoleGrant   = "grant"
	RoleRevoke  = "revoke"
	RoleRequest = "request"
)

// RoleName is role (of country, for a focal point) as an argument of a
// message: "staff", "focal point for Kenya".
func RoleName(role Role, country string) Msg {
	return M("role."+string(role), "Country", State(country))
}

// Authority is what one permission of a person rests on when the
// configuration alone does not give it: any one of AnyOf, the grants in
// Slack that each give it.
type Authority struct{ AnyOf []Grant }

// Basis is what user's permission may (e.g. CanRecord for a state) rests
// on: nil when the configuration alone gives it (or nothing does), else
// the grants of user that each give it. A write carries it so that a role
// removed meanwhile is noticed in the write itself.
func (a Access) Basis(user string, may func(Access) bool) *Authority {
	if may(a.With(nil)) {
		return nil
	}
	var any []Grant
	for _, g := range a.Granted {
		if g.User == user && may(a.With([]Grant{g})) {
			any = append(any, g)
		}
	}
	if len(any) == 0 {
		return nil
	}
	return &Authority{AnyOf: any}
}

// With is a with the roles granted in Slack added.
func (a Access) With(granted []Grant) Access {
	a.Granted = granted
	return a
}

// granted returns the grant of role (for country) to user, if any.
func (a Access) granted(user string, role Role, country string) *Grant {
	for i, g := range a.Granted {
		if g.User == user && g.Role == role && g.Country == country {
			return &a.Granted[i]
		}
	}
	return nil
}

// InConfig reports whether the configuration gives user role (for
// country, a focal point's).
func (a Access) InConfig(f *Framework, user string, role Role, country string) bool {
	switch role {
	case RoleCoordinator:
		return slices.Contains(a.Coordinators, user)
	case RoleManager:
		return slices.Contains(a.Managers, user)
	case RoleStaff:
		return slices.Contains(a.Staff, user)
	case RoleFocal:
		c := f.Country(country)
		return c != nil && slices.Contains(c.FocalPoints, user)
	}
	return false
}

// Has reports whether user holds role (for country), from the
// configuration or granted in Slack.
func (a Access) Has(f *Framework, user string, role Role, country string) bool {
	return a.InConfig(f, user, role, country) || a.granted(user, role, country) != nil
}

// IsCoordinator reports whether user is a coordinator.
func (a Access) IsCoordinator(user string) bool { return a.Has(nil, user, RoleCoordinator, "") }

// IsManager reports whether user is a manager.
func (a Access) IsManager(user string) bool { return a.Has(nil, user, RoleManager, "") }

// IsFocal reports whether user is a focal point of country.
func (a Access) IsFocal(f *Framework, user, country string) bool {
	return country != "" && a.Has(f, user, RoleFocal, country)
}

// FocalCountries are the codes of the countries user is a focal point of,
// in framework order.
func (a Access) FocalCountries(f *Framework, user string) []string {
	var out []string
	for _, c := range f.Countries {
		if a.IsFocal(f, user, c.Code) {
			out = append(out, c.Code)
		}
	}
	return out
}

// Held is a role someone holds and where it comes from: the
// configuration (Grant nil) or a grant in Slack.
type Held struct {
	Role    Role
	Country string
	Grant   *Grant
}

// HeldBy lists the roles user holds, most powerful first; a role both
// configured and granted is listed once, as configured.
func (a Access) HeldBy(f *Framework, user string) []Held {
	var out []Held
	add := func(role Role, country string) {
		switch {
		case a.InConfig(f, user, role, country):
			out = append(out, Held{Role: role, Country: country})
		case a.granted(user, role, country) != nil:
			g := *a.granted(user, role, country)
			out = append(out, Held{Role: role, Country: country, Grant: &g})
		}
	}
	for _, r := range []Role{RoleCoordinator, RoleManager, RoleStaff} {
		add(r, "")
	}
	for _, c := range f.Countries {
		add(RoleFocal, c.Code)
	}
	return out
}

// FocalPointsOf are country's focal points, configured ones first, each
// once: who its reminders and nudges reach.
func (a Access) FocalPointsOf(f *Framework, country string) []string {
	var out []string
	if c := f.Country(country); c != nil {
		out = slices.Clone(c.FocalPoints)
	}
	for _, g := range a.Granted {
		if g.Role == RoleFocal && g.Country == country && !slices.Contains(out, g.User) {
			out = append(out, g.User)
		}
	}
	return out
}

// AllCoordinators are the coordinators, configured ones first, each once.
func (a Access) AllCoordinators() []string {
	out := slices.Clone(a.Coordinators)
	for _, g := range a.Granted {
		if g.Role == RoleCoordinator && !slices.Contains(out, g.User) {
			out = append(out, g.User)
		}
	}
	return out
}

// isStaff reports whether user is staff: listed, or everyone when the
// configuration lists no staff (granting staff in Slack does not close
// recording to the rest).
func (a Access) isStaff(user string) bool {
	return len(a.Staff) == 0 || a.Has(nil, user, RoleStaff, "")
}

// CanRecord reports whether user may record entries about country ("" for
// programme-wide entries).
func (a Access) CanRecord(f *Framework, user, country string) bool {
	return a.IsCoordinator(user) || a.isStaff(user) || a.IsFocal(f, user, country)
}

// CanRead reports whether user may read status and history.
func (a Access) CanRead(f *Framework, user string) bool {
	return a.IsCoordinator(user) || a.IsManager(user) || a.isStaff(user) || len(a.FocalCountries(f, user)) > 0
}

// CanRetract reports whether user may retract e: its author or a coordinator.
func (a Access) CanRetract(user string, e *Entry) bool {
	return e.UserID == user || a.IsCoordinator(user)
}

// CanExport reports whether user may export the data and reports:
// coordinators and managers.
func (a Access) CanExport(user string) bool { return a.IsCoordinator(user) || a.IsManager(user) }

// CanManageRoles reports whether user may grant and remove roles in Slack:
// coordinators only.
func (a Access) CanManageRoles(user string) bool { return a.IsCoordinator(user) }

// CanRecordAny reports whether user may record entries about anything:
// staff, coordinators, and focal points (about their countries).
func (a Access) CanRecordAny(f *Framework, user string) bool {
	return a.IsCoordinator(user) || a.isStaff(user) || len(a.FocalCountries(f, user)) > 0
}
