package commands

import (
	"strconv"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Describe is an entry in a line, e.g.
// *Kenya* — training “OSINT basics” on Fri 20 Nov 2026: 25 trained (36% women), 20 new.
func Describe(l *locale.Loc, fw *ctbot.Framework, e *ctbot.Entry) reply.Inline {
	return l.T("entry.line", "Country", CountryName(l, fw, e.Country), "Body", DescribeBody(l, fw, e))
}

// DescribeBody is Describe without the country.
func DescribeBody(l *locale.Loc, fw *ctbot.Framework, e *ctbot.Entry) reply.Inline {
	var body reply.Inline
	switch e.Kind {
	case ctbot.KindLog:
		return l.T("entry.log", "Note", e.Note)
	case ctbot.KindKickoff:
		if e.Date.IsZero() {
			body = l.T("entry.kickoff_nodate", "Status", l.T("status."+string(e.Status)))
		} else {
			body = l.T("entry.kickoff", "When", EventWhen(l, e.Status, e.Date))
		}
	case ctbot.KindWorkshop:
		if e.Title != "" {
			body = l.T("entry.workshop_titled", "Title", e.Title, "When", EventWhen(l, e.Status, e.Date))
		} else {
			body = l.T("entry.workshop", "When", EventWhen(l, e.Status, e.Date))
		}
		if e.Participants > 0 {
			body = body.Append(l.T("entry.participants", "N", e.Participants, "Share", shareSuffix(l, e.Women, e.Participants)))
		}
	case ctbot.KindTraining:
		id := "entry.training"
		if e.Online {
			id = "entry.training_online"
		}
		var newShare reply.Inline
		if e.NewWomen != nil {
			newShare = shareSuffix(l, e.NewWomen, e.New)
		}
		body = l.T(id, "Title", trainingTitle(l, fw, e), "Date", Days(e),
			"Counts", l.T("entry.trained", "Trained", e.Trained, "Share", shareSuffix(l, e.Women, e.Trained), "New", e.New, "NewShare", newShare))
	case ctbot.KindIndicator:
		body = l.T("entry.indicator", "Code", e.Indicator, "Change", indicatorChange(l, fw, e))
	case ctbot.KindReadiness:
		body = l.T("entry.readiness", "Date", e.Date, "Scores", scoresText(l, fw.Readiness, e.Scores))
	}
	if e.Kind == ctbot.KindWorkshop && len(e.Scores) > 0 {
		body = body.Append(l.T("entry.workshop_scores", "Scores", scoresText(l, fw.Readiness, e.Scores)))
	}
	if e.Note != "" {
		body = body.Append(l.T("entry.note", "Note", e.Note))
	}
	return body
}

// Days are an entry's days, written in the reader's language: its date,
// or a training's first and last days ("20–22 Nov 2026").
func Days(e *ctbot.Entry) locale.Localized { return days{e.Date, e.DateTo} }

type days struct{ from, to ctbot.Date }

func (d days) Localize(l *locale.Loc) string { return l.DateRange(d.from, d.to) }

// trainingTitle is a training's title: for one of the catalogue that
// keeps its course's title, that title in l's language.
func trainingTitle(l *locale.Loc, fw *ctbot.Framework, e *ctbot.Entry) string {
	if co := fw.Course(e.Course); co != nil && e.Course != "" && e.Title == co.Title {
		return co.TitleIn(l.Lang())
	}
	return e.Title
}

// titleOf is a training's title written in the reader's language.
type titleOf struct {
	fw *ctbot.Framework
	e  *ctbot.Entry
}

func (t titleOf) Localize(l *locale.Loc) string { return trainingTitle(l, t.fw, t.e) }

// trainingBrief is a training in a few words, for a message made before
// its reader is known: "Kenya, 20–22 Nov 2026, OSINT basics, 25 trained".
func (c *Core) trainingBrief(e *ctbot.Entry) locale.Msg {
	return locale.M("entry.brief", "Country", stateName{c.fw, e.Country}, "Dates", Days(e), "Title", titleOf{c.fw, e}, "Trained", e.Trained)
}

// EventWhen says what an event's status means for its date: "planned for
// Tue 8 Dec 2026", "held on ...", "postponed to ...".
func EventWhen(l *locale.Loc, s ctbot.Status, d ctbot.Date) reply.Inline {
	return l.T("event."+string(s), "Date", d)
}

// shareSuffix is " (36% women)" for a count, " (women not reported)", or
// nothing when the count is zero.
func shareSuffix(l *locale.Loc, women *int, total int) reply.Inline {
	if women == nil {
		if total == 0 {
			return nil
		}
		return l.T("text.paren", "Text", l.T("share.unreported"))
	}
	if share := WomenShare(l, *women, total); share != nil {
		return l.T("text.paren", "Text", share)
	}
	return nil
}

// WomenShare is women out of total as a percentage, or nil when total is
// zero. Splits of fewer than five people are not shown, since small numbers
// can identify people.
func WomenShare(l *locale.Loc, women, total int) reply.Inline {
	switch {
	case total == 0:
		return nil
	case total < ctbot.MinShareBase:
		return l.T("share.small")
	}
	return l.T("share.women", "Pct", l.Percent(100*float64(women)/float64(total)))
}

func indicatorChange(l *locale.Loc, fw *ctbot.Framework, e *ctbot.Entry) reply.Inline {
	switch {
	case e.Op == ctbot.OpStage:
		return l.T("change.stage", "Stage", stageName(l, fw.Indicator(e.Indicator), e.Stage))
	case e.Denom > 0 && e.Op == ctbot.OpAdd:
		return l.T("change.add_ratio", "Num", e.Value, "Den", e.Denom)
	case e.Denom > 0:
		return l.T("change.set_ratio", "Num", e.Value, "Den", e.Denom, "Pct", l.Percent(100*float64(e.Value)/float64(e.Denom)))
	case e.Op == ctbot.OpAdd && e.Value < 0:
		return l.T("change.subtract", "Value", -e.Value)
	case e.Op == ctbot.OpAdd:
		return l.T("change.add", "Value", e.Value)
	}
	return l.T("change.set", "Value", e.Value)
}

// Ago says how long before now t was, in words.
func Ago(l *locale.Loc, now, t time.Time) reply.Inline {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return l.T("ago.now")
	case d < time.Hour:
		return l.T("ago.minutes", "N", int(d.Minutes()))
	case d < 48*time.Hour:
		return l.T("ago.hours", "N", int(d.Hours()))
	}
	return l.T("ago.days", "N", int(d.Hours()/24))
}

// kindWord is the word for an entry kind ("kick-off"), in the reader's language.
func kindWord(k ctbot.Kind) locale.Msg { return locale.M("kind." + string(k)) }

// statusWord is the word for an event status ("planned").
func statusWord(s ctbot.Status) locale.Msg { return locale.M("status." + string(s)) }

// ID writes an entry ID as people type it, without digit grouping.
func ID(id int64) string { return strconv.FormatInt(id, 10) }

// CountryName is a state's name in l's language; the programme for "".
func CountryName(l *locale.Loc, fw *ctbot.Framework, code string) string {
	if code == "" {
		return l.S("entry.programme")
	}
	if c := fw.Country(code); c != nil {
		return c.NameIn(l.Lang())
	}
	return code
}

// stateName is a state's name written in the reader's language, for
// messages made before the reader is known (errors); the programme for "".
type stateName struct {
	fw   *ctbot.Framework
	code string
}

func (s stateName) Localize(l *locale.Loc) string { return CountryName(l, s.fw, s.code) }
