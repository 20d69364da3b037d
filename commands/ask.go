package commands

import (
	"context"
	"regexp"
	"strings"
	"unicode"
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
	// "Formation des enquêteurs au Kenya ?" and "readiness scores?" are
	// questions; "log kenya met the minister" is a command.
	if _, ask := c.route(text); !ask {
		req.Text = withoutLeadingMentions(req.Text, req.Mentions)
		return c.Handle(ctx, req)
	}
	return c.askRouted(ctx, req, text)
}

// askRouted answers text (req.Text without its mentions), which route
// found to be a question.
func (c *Core) askRouted(ctx context.Context, req Request, text string) Reply {
	l := c.Loc(req.UserID)
	if err := checkInput(text); err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	q := c.readQuestion(req.Text, req.Mentions, c.fw.Today(c.now()))
	return c.answer(ctx, l, req, &q)
}
