package history

import "github.com/cttechplus/ctbot"

// Narrowed is e with only its ID and fields kept, as a narrow read
// (ctbot.Range.Narrow) fills it.
func Narrowed(e *ctbot.Entry, fields ctbot.Fields) *ctbot.Entry {
	n := &ctbot.Entry{ID: e.ID}
	for _, f := range []struct {
		field ctbot.Fields
		copy  func()
	}{
		{ctbot.FieldKind, func() { n.Kind = e.Kind }},
		{ctbot.FieldCountry, func() { n.Country = e.Country }},
		{ctbot.FieldDate, func() { n.Date = e.Date }},
		{ctbot.FieldIndicator, func() { n.Indicator = e.Indicator }},
		{ctbot.FieldTopic, func() { n.Topic = e.Topic }},
		{ctbot.FieldLevel, func() { n.Level = e.Level }},
		{ctbot.FieldCourse, func() { n.Course = e.Course }},
		{ctbot.FieldOnline, func() { n.Online = e.Online }},
		{ctbot.FieldUserID, func() { n.UserID = e.UserID }},
		{ctbot.FieldCreatedAt, func() { n.CreatedAt = e.CreatedAt }},
		{ctbot.FieldEvidence, func() { n.Evidence, n.Link = e.Evidence, e.Link }},
		{ctbot.FieldVerifiedBy, func() { n.VerifiedBy = e.VerifiedBy }},
	} {
		if fields&f.field != 0 {
			f.copy()
		}
	}
	return n
}
