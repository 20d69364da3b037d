package ctbot

import "slices"

// Access says who may do what. Coordinators may do everything; managers may
// read status about any country; staff may record (anyone may when Staff is
// empty); a country's focal points may always record for their country.
type Access struct {
	Coordinators []string `toml:"coordinators"`
	Managers     []string `toml:"managers"`
	Staff        []string `toml:"staff"`
}

// IsCoordinator reports whether user is a coordinator.
func (a Access) IsCoordinator(user string) bool { return slices.Contains(a.Coordinators, user) }

// IsManager reports whether user is a manager.
func (a Access) IsManager(user string) bool { return slices.Contains(a.Managers, user) }

// CanRecord reports whether user may record entries about country ("" for
// programme-wide entries).
func (a Access) CanRecord(f *Framework, user, country string) bool {
	if a.IsCoordinator(user) || len(a.Staff) == 0 || slices.Contains(a.Staff, user) {
		return true
	}
	if c := f.Country(country); c != nil {
		return slices.Contains(c.FocalPoints, user)
	}
	return false
}

// CanRead reports whether user may read status and history.
func (a Access) CanRead(f *Framework, user string) bool {
	if a.IsCoordinator(user) || a.IsManager(user) || len(a.Staff) == 0 || slices.Contains(a.Staff, user) {
		return true
	}
	for _, c := range f.Countries {
		if slices.Contains(c.FocalPoints, user) {
			return true
		}
	}
	return false
}

// CanRetract reports whether user may retract e: its author or a coordinator.
func (a Access) CanRetract(user string, e *Entry) bool {
	return e.UserID == user || a.IsCoordinator(user)
}

// CanExport reports whether user may export the data and reports:
// coordinators and managers.
func (a Access) CanExport(user string) bool { return a.IsCoordinator(user) || a.IsManager(user) }
