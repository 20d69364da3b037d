package locale

// Has reports whether the localizer's catalogue has message id (in its
// language or the source one), for names kept only for some codes
// (zone.Europe/Brussels).
func (l *Loc) Has(id string) bool { return l.cat.ids[l.lang][id] || l.cat.ids[Source][id] }
