package commands

import (
	"context"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// evidenceKeys are the options every recording command takes, anywhere in
// it: the means of verification (source="…", link=URL) and, for a
// coordinator recording into a closed period, reason="…".
var evidenceKeys = []string{"source", "link", "reason"}

// slackLink reads Slack's link markup: <https://…|label> is the address
// and its label, <https://…> the address alone; other text is as it is.
func slackLink(s string) (address, label string) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		address, label, _ = strings.Cut(s[1:len(s)-1], "|")
		return address, strings.TrimSpace(label)
	}
	return s, ""
}

// checkLink accepts an http or https URL with a host name (with a dot) or
// an IP address and a valid port, as typed or as Slack writes a pasted one,
// and keeps it as typed.
func checkLink(s string) (string, error) {
	s, _ = slackLink(s)
	u, err := url.Parse(s)
	switch {
	case s == "":
		return "", badField("link", "err.link_missing")
	case utf8.RuneCountInString(s) > ctbot.LinkText.Max:
		return "", badField("link", "err.link_long", "Max", ctbot.LinkText.Max)
	case err != nil || u.User != nil || u.Scheme != "http" && u.Scheme != "https" || !validHost(u):
		return "", badField("link", "err.link_bad", "Text", Truncate(s, 60))
	}
	return s, nil
}

// validHost reports whether u names a host that can be reached: a name
// with a dot, or an IP address, and a port from 1 to 65535 if any.
func validHost(u *url.URL) bool {
	host := u.Hostname()
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return false
		}
	}
	if net.ParseIP(host) != nil {
		return true
	}
	return strings.Contains(strings.Trim(host, "."), ".") && !strings.ContainsAny(host, " _")
}

// evidenceOf reads the options source=, link= and reason= among opts,
// anywhere in a recording command: "none" names none, nothing is refused.
func evidenceOf(opts map[string]string) (Evidence, error) {
	ev := Evidence{Reason: opts["reason"]}
	for _, key := range []string{"source", "link"} {
		v, ok := opts[key]
		if !ok {
			continue
		}
		v, err := evidenceValue(key, v)
		if err != nil {
			return ev, err
		}
		if key == "source" {
			ev.Source = v
		} else {
			ev.Link = v
		}
	}
	return ev, nil
}

// evidenceValue is source= or link= as given ("" for none).
func evidenceValue(key, v string) (string, error) {
	switch t := strings.TrimSpace(v); {
	case t == "":
		return "", badField(key, map[string]string{"source": "err.source_empty", "link": "err.link_missing"}[key])
	case strings.EqualFold(t, "none"):
		return "", nil
	}
	return v, nil
}

// setEvidence sets e's means of verification, source and link ("" for
// none).
func setEvidence(e *ctbot.Entry, source, link string) error {
	setSource(e, source)
	return setLink(e, link)
}

// setSource sets e's means of verification: a document's name, or Slack's
// markup of a link pasted (its label and address).
func setSource(e *ctbot.Entry, s string) {
	if address, label := slackLink(s); address != strings.TrimSpace(s) {
		s = label + " " + address // Slack turned it into a link
	}
	e.Evidence = strings.TrimSpace(s)
}

// setLink sets e's link to its evidence, checked.
func setLink(e *ctbot.Entry, s string) error {
	e.Link = ""
	if strings.TrimSpace(s) == "" {
		return nil
	}
	link, err := checkLink(s)
	e.Link = link
	return err
}

// emailRE and phoneRE find what looks like an e-mail address, or a run of
// digits that may be a phone number.
var (
	emailRE = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)
	phoneRE = regexp.MustCompile(`\+?\d[\d ().-]{6,}\d`)
	dateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// looksPersonal reports whether s seems to hold an e-mail address or a
// phone number (nine digits or more, not a date).
func looksPersonal(s string) bool { return len(personalParts(s)) > 0 }

// personalParts are the e-mail addresses and phone numbers (nine digits
// or more, not a date) s seems to hold.
func personalParts(s string) []string {
	out := emailRE.FindAllString(s, -1)
	for _, m := range phoneRE.FindAllString(s, -1) {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits >= 9 && !dateRE.MatchString(strings.TrimSpace(m)) {
			out = append(out, m)
		}
	}
	return out
}

// personalDataWarning warns when free text seems to hold personal data: it
// is stored (the person may mean it), and a coordinator can redact it.
func (c *Core) personalDataWarning(call *call, texts ...string) reply.Block {
	for _, t := range texts {
		if looksPersonal(t) {
			return reply.Para{Text: call.l.T("record.personal_data", "Cmd", c.command)}
		}
	}
	return nil
}

// reasonWarning warns when a reason (of a retraction, a period's close or
// reopening, a redaction) seems to hold personal data: it is kept in the
// audit trail as typed, and a coordinator removes it with `redact what`.
func (c *Core) reasonWarning(call *call, reason, what string) reply.Block {
	if !looksPersonal(reason) {
		return nil
	}
	return reply.Para{Text: call.l.T("record.reason_personal_data", "Cmd", c.command, "What", what)}
}

// writeInto checks a write touching the value dates given against the
// closed reporting periods, and returns the options to write with. Staff
// are refused with who closed it and whom to ask; a coordinator may, with
// a reason, and the write is marked as made after the close.
func (c *Core) writeInto(ctx context.Context, call *call, reason string, dates ...ctbot.Date) (ctbot.WriteOptions, error) {
	o := call.write()
	log, err := c.periods.PeriodLog(ctx)
	if err != nil {
		return o, err
	}
	flagged := map[string]bool{}
	for _, d := range dates {
		ev, closed := ctbot.ClosedOn(log, d)
		switch {
		case !closed, flagged[ev.Period]:
		case !call.isCoordinator():
			return o, ctbot.ClosedPeriod(ev, d, c.fw.Location)
		case strings.TrimSpace(reason) == "":
			return o, badInput("err.period_closed_reason", "Period", ev.Period, "Date", d)
		default:
			o.AfterClose, o.Reason, flagged[ev.Period] = true, reason, true
			call.flags = append(call.flags, call.l.T("period.changed_after_close", "Period", ev.Period))
		}
	}
	return o, nil
}
