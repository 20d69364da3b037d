package commands

import (
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Describe renders an entry as one mrkdwn line, e.g.
// `Kenya — training "OSINT basics" on Fri 20 Nov 2026: 25 trained (36% women), 20 new, online`.
func Describe(fw *ctbot.Framework, e *ctbot.Entry) string {
	return "*" + Esc(fw.CountryName(e.Country)) + "* — " + DescribeBody(e)
}

// DescribeBody is Describe without the country.
func DescribeBody(e *ctbot.Entry) string {
	var b strings.Builder
	switch e.Kind {
	case ctbot.KindLog:
		b.WriteString("update: " + quoteNote(e.Note))
		return b.String()
	case ctbot.KindKickoff:
		b.WriteString("kick-off " + string(e.Status))
		if !e.Date.IsZero() {
			b.WriteString(eventDatePrep(e.Status) + e.Date.Human())
		}
	case ctbot.KindWorkshop:
		b.WriteString("workshop")
		if e.Title != "" {
			b.WriteString(" “" + Esc(e.Title) + "”")
		}
		b.WriteString(" " + string(e.Status) + eventDatePrep(e.Status) + e.Date.Human())
		if e.Participants > 0 {
			fmt.Fprintf(&b, ": %d participants", e.Participants)
			if share := ctbot.WomenShare(e.Women, e.Participants); share != "" {
				b.WriteString(" (" + share + ")")
			}
		}
	case ctbot.KindTraining:
		b.WriteString("training")
		if e.Online {
			b.WriteString(" (online)")
		}
		b.WriteString(" “" + Esc(e.Title) + "” on " + e.Date.Human())
		fmt.Fprintf(&b, ": %d trained", e.Trained)
		if share := ctbot.WomenShare(e.Women, e.Trained); share != "" {
			b.WriteString(" (" + share + ")")
		}
		fmt.Fprintf(&b, ", %d new", e.New)
	case ctbot.KindIndicator:
		b.WriteString("`" + e.Indicator + "` ")
		b.WriteString(indicatorChange(e))
	}
	if e.Note != "" && e.Kind != ctbot.KindLog {
		b.WriteString(" — " + quoteNote(e.Note))
	}
	return b.String()
}

func eventDatePrep(s ctbot.Status) string {
	switch s {
	case ctbot.StatusPlanned:
		return " for "
	case ctbot.StatusPostponed:
		return " to "
	case ctbot.StatusCancelled:
		return " (was planned for) "
	}
	return " on "
}

func indicatorChange(e *ctbot.Entry) string {
	switch {
	case e.Op == ctbot.OpStage:
		return "reached stage *" + e.Stage + "*"
	case e.Denom > 0 && e.Op == ctbot.OpAdd:
		return fmt.Sprintf("+%d/%d", e.Value, e.Denom)
	case e.Denom > 0:
		return fmt.Sprintf("set to %d/%d (%s)", e.Value, e.Denom, ctbot.FormatPercent(100*float64(e.Value)/float64(e.Denom)))
	case e.Op == ctbot.OpAdd:
		return fmt.Sprintf("+%d", e.Value)
	}
	return fmt.Sprintf("set to %d", e.Value)
}

func quoteNote(s string) string { return "“" + Esc(s) + "”" }

// Ago says how long before now t was, in words.
func Ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	default:
		return plural(int(d.Hours()/24), "day") + " ago"
	}
}

// plural writes n and word, in the plural unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	switch {
	case word == "person":
		word = "people"
	case strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ay"):
		word = word[:len(word)-1] + "ies"
	default:
		word += "s"
	}
	return fmt.Sprintf("%d %s", n, word)
}

// mention renders a Slack user reference.
func mention(user string) string {
	if user == "" {
		return "someone"
	}
	return "<@" + user + ">"
}
