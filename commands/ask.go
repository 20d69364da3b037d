package commands

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/cttechplus/ctbot"
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
	first, _, _ := strings.Cut(text, " ")
	// "Formation des enquêteurs au Kenya ?" is a question, not a command.
	if cmd := c.lookup(first); cmd != nil && (cmd.Writes() || cmd.Name == "history") && !endsAsQuestion(text) {
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
	countries := c.findCountries(text)
	indicators := c.findIndicators(text)
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

// isQuestion reports whether text, which names no command, is a question
// for Ask: it ends with a question mark (Latin or Arabic) or starts with
// a word that opens a question in any language ([askwords] start). A
// mistyped command is neither, and is refused as one.
func (c *Core) isQuestion(text string) bool {
	if endsAsQuestion(text) {
		return true
	}
	first, _, _ := strings.Cut(strings.ToLower(text), " ")
	return slices.Contains(c.words.ask["start"], first)
}

// endsAsQuestion reports whether text ends with a question mark.
func endsAsQuestion(text string) bool {
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, "؟")
}

func hasAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// wordRE finds words: letters, digits, apostrophes and hyphens inside.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’\-]*`)

func words(text string) []string {
	ws := wordRE.FindAllString(text, -1)
	for i := range ws {
		ws[i] = strings.TrimSuffix(strings.TrimSuffix(ws[i], "'s"), "’s")
	}
	return ws
}

// maxMatches bounds how many countries or indicators one answer covers.
const maxMatches = 3

// findCountries finds countries named in text, in order. Two-letter codes
// count only in capitals, so "my" and "in" are not Malaysia and India.
func (c *Core) findCountries(text string) []*ctbot.Country {
	ws := words(text)
	var out []*ctbot.Country
	for i := 0; i < len(ws) && len(out) < maxMatches; i++ {
		for n := min(4, len(ws)-i); n >= 1; n-- {
			phrase := strings.Join(ws[i:i+n], " ")
			co := c.fw.LookupCountry(phrase)
			if co == nil && n == 1 {
				co = c.fw.LookupInflected(phrase)
			}
			if co == nil || (len(phrase) == 2 && phrase != co.Code && !strings.EqualFold(phrase, co.Name)) {
				continue
			}
			if !containsCountry(out, co) {
				out = append(out, co)
			}
			i += n - 1
			break
		}
	}
	return out
}

func containsCountry(list []*ctbot.Country, c *ctbot.Country) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// findIndicators scores each indicator by the words of its code and title
// that appear in text (words shared by several indicators do not count)
// indicatorWords are the words of the indicators' codes and titles, in
// every language, by stem, with the indicators they name: built once.
func indicatorWords(fw *ctbot.Framework) map[string][]*ctbot.Indicator {
	owners := map[string][]*ctbot.Indicator{}
	for _, ind := range fw.Indicators {
		seen := map[string]bool{}
		titles := []string{strings.ReplaceAll(ind.Code, "-", " "), ind.Title, ind.ShortTitle}
		for lang := range ind.Titles {
			titles = append(titles, ind.Titles[lang], ind.ShortTitles[lang])
		}
		for _, w := range words(strings.ToLower(strings.Join(titles, " "))) {
			for _, part := range strings.Split(w, "-") {
				k := stem(part)
				if len([]rune(k)) < 3 || stopWords[k] || seen[k] {
					continue
				}
				seen[k] = true
				owners[k] = append(owners[k], ind)
			}
		}
	}
	return owners
}

// and returns the best-scoring ones, of the phase in force.
func (c *Core) findIndicators(text string) []*ctbot.Indicator {
	phase := c.fw.Current(c.fw.Today(c.now()))
	in := map[string]bool{}
	for _, w := range words(strings.ToLower(text)) {
		for _, part := range strings.Split(w, "-") {
			in[stem(part)] = true
		}
	}
	best, score := []*ctbot.Indicator(nil), 0
	scores := map[*ctbot.Indicator]int{}
	for k, inds := range c.indicatorWords[phase] {
		if len(inds) == 1 && in[k] {
			scores[inds[0]]++
		}
	}
	for _, ind := range phase.Indicators { // framework order for ties
		switch s := scores[ind]; {
		case s > score:
			best, score = []*ctbot.Indicator{ind}, s
		case s == score && s > 0 && len(best) < maxMatches:
			best = append(best, ind)
		}
	}
	return best
}

// stem reduces a lower-case word to a rough singular: strategies → strategy.
func stem(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if r := []rune(w); len(r) > 5 && unicode.Is(unicode.Cyrillic, r[0]) {
		return string(r[:5]) // Russian endings vary: "принятые", "принятыми"
	}
	if a, ok := strings.CutPrefix(w, "ال"); ok && len([]rune(a)) >= 3 {
		return a // Arabic: without the article
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// stopWords are title words too common to identify an indicator.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "new": true, "technology": true, "upon": true,
	"state": true, "country": true, "how": true, "what": true, "status": true, "which": true, "are": true,
	"doing": true, "programme": true, "against": true, "use": true,
}
