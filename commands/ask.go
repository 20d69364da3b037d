package commands

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// mentionRE finds Slack user mentions as markup, as in "<@U123> how is
// Kenya doing?".
var mentionRE = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)

// withoutMentions is text without the people it mentions (as markup, or
// as mentions reads them), for reading a question.
func withoutMentions(text string, mentions map[string]string) string {
	text = mentionRE.ReplaceAllString(text, "")
	if len(mentions) == 0 {
		return text
	}
	var words []string
	for _, w := range strings.Fields(text) {
		if _, ok := mentions[w]; !ok {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// withoutLeadingMentions is text without the mentions it starts with (of
// ctbot); the people it mentions after them stay, as written.
func withoutLeadingMentions(text string, mentions map[string]string) string {
	for {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		if loc := mentionRE.FindStringIndex(text); loc != nil && loc[0] == 0 {
			text = text[loc[1]:]
			continue
		}
		end := strings.IndexFunc(text, unicode.IsSpace)
		if end < 0 {
			end = len(text)
		}
		if _, ok := mentions[text[:end]]; !ok || end == 0 {
			return strings.TrimSpace(text)
		}
		text = text[end:]
	}
}

// Ask answers a message written to ctbot in a channel mention or a direct
// message. A message that starts with a recording command ("log kenya ...")
// runs as that command; anything else is read as a question: countries
// (names, aliases, or codes in capitals) and indicators (codes or words of
// their titles) are found anywhere in the sentence.
func (c *Core) Ask(ctx context.Context, req Request) (r Reply) {
	text := strings.TrimSpace(withoutMentions(req.Text, req.Mentions))
	first, rest, _ := strings.Cut(text, " ")
	// "Formation des enquêteurs au Kenya ?" and "readiness scores?" are
	// questions; "log kenya met the minister" is a command (commandSyntax).
	if cmd := c.lookup(first); cmd != nil && (cmd.Writes() || cmd.Name == "history") && (c.commandSyntax(cmd, rest) || !c.asksQuestion(cmd, text)) {
		req.Text = withoutLeadingMentions(req.Text, req.Mentions)
		return c.Handle(ctx, req)
	}
	l := c.Loc(req.UserID)
	figures := false // the answer is figures only: it may stay where asked
	defer func() {
		if p := recover(); p != nil {
			r = c.errorReply(ctx, l, nil, fmt.Errorf("panic in Ask: %v", p))
		}
		r.Shareable = figures && !r.Failed
		r.Command = "ask"
		if r.Outcome == "" {
			r.Outcome = "ok"
		}
	}()
	if err := checkInput(text); err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	q := strings.ToLower(text)
	if text == "" || c.words.asks(q, "help") {
		return c.askHelp(l, nil)
	}
	if !c.accessNow(ctx).CanRead(c.fw, req.UserID) {
		return c.errorReply(ctx, l, nil, forbidden("err.may_not_read"))
	}
	read := c.readQuestion(l, req.Text, req.Mentions, c.fw.Today(c.now()))
	countries, indicators := read.States, read.Indicators
	intent := ""
	switch {
	case c.words.asks(q, "howmany"):
		intent = "how many"
	case len(countries) > 0 || len(indicators) > 0:
		intent = "about"
	case c.words.asks(q, "behind"):
		intent = "behind"
	case c.words.asks(q, "upcoming"):
		intent = "upcoming"
	case c.words.asks(q, "overview"):
		intent = "overview"
	default:
		return c.askHelp(l, l.T("ask.not_understood"))
	}
	now := c.now()
	s, err := c.figures.Current(ctx)
	if err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	v := c.NewView(l, s, c.fw.Today(now))
	figures = true
	switch intent {
	case "behind":
		return v.Behind()
	case "upcoming":
		return v.UpcomingReply()
	case "overview":
		return v.Overview()
	case "how many":
		return v.HowMany(q, countries, indicators)
	}
	for _, co := range countries {
		r.Doc = append(r.Doc, v.Country(co).Doc...)
	}
	for _, ind := range indicators {
		r.Doc = append(r.Doc, v.Indicator(ind).Doc...)
	}
	return r
}

func (c *Core) askHelp(l *locale.Loc, lead reply.Inline) Reply {
	var doc reply.Doc
	if lead != nil {
		doc = append(doc, reply.Para{Text: lead})
	}
	return Reply{Doc: append(doc,
		reply.List{Title: l.T("ask.help_title"), Items: []reply.Inline{
			l.T("ask.help_country"), l.T("ask.help_indicator"), l.T("ask.help_behind"), l.T("ask.help_upcoming"), l.T("ask.help_howmany"), l.T("ask.help_status"),
		}},
		reply.Para{Text: l.T("ask.help_commands", "Cmd", c.command)},
	)}
}
