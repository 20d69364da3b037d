package commands

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// token is one word of a command, or a quoted phrase.
type token struct {
	text     string
	quoted   bool
	unclosed bool // a quote opened in it is never closed; text runs to the end
	start    int  // byte offset of the token (its opening quote) in the input
	end      int  // byte offset just after it
}

// quotes are the quote marks people type. Any of them opens a phrase; a
// guillemet's phrase closes at the other guillemet (« », or » «), any
// other's at any double quote, as Slack clients and phones turn " into
// curly quotes. So a title keeps the marks of another kind it holds:
// "Atelier «LEA»", «the "5 eyes" unit».
const quotes = "\"“”„«»"

// closers are the marks that close a phrase opened by open.
func closers(open rune) string {
	switch open {
	case '«':
		return "»"
	case '»':
		return "«"
	}
	return "\"“”„"
}

// tokenize splits s into words; a quoted part ("two words") belongs to the
// word it is in, without its quotes, so key="two words" is one token. A
// quote that is never closed makes the rest of s one token marked
// unclosed: free text ("the 5" screen") may contain one, a title may not.
func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		t := token{start: i}
		var b strings.Builder
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			if r == '<' {
				// Slack's markup (<https://…|a label>, <@U123>) is one word,
				// spaces in its label included.
				if end := strings.IndexAny(s[i:], ">\n"); end > 0 && s[i+end] == '>' {
					b.WriteString(s[i : i+end+1])
					i += end + 1
					continue
				}
			}
			if !strings.ContainsRune(quotes, r) {
				b.WriteString(s[i : i+w])
				i += w
				continue
			}
			end := strings.IndexAny(s[i+w:], closers(r))
			if end < 0 {
				b.WriteString(s[i+w:])
				t.unclosed, i = true, len(s)
				break
			}
			b.WriteString(s[i+w : i+w+end])
			_, cw := utf8.DecodeRuneInString(s[i+w+end:])
			i += w + end + cw
			t.quoted = true
		}
		t.text, t.end = b.String(), i
		if w := plainWord(t.text); !t.quoted && w != "" {
			t.text = w // a word of marks alone stays as it is: free text
		}
		toks = append(toks, t)
	}
	return toks
}

// plainWord is a word as ctbot reads it: without the invisible marks of
// direction (an Arabic keyboard's, or the isolates of ctbot's own Arabic
// messages, copied back) and with Arabic-Indic digits as 0-9. Free text
// is kept as typed: it is read from the raw input, not from words.
func plainWord(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x600 || r >= 0x200e && r <= 0x2069 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x200e || r == 0x200f || r == 0x061c || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return -1
		case r >= 0x0660 && r <= 0x0669:
			return '0' + r - 0x0660
		case r >= 0x06f0 && r <= 0x06f9:
			return '0' + r - 0x06f0
		}
		return r
	}, s)
}

// unclosedQuote is the error for a title or option with an open quote.
func unclosedQuote(raw string, t token) error {
	return badInput("err.unclosed_quote", "Text", Truncate(raw[t.start:], 30))
}

// args is the list of tokens a command still has to consume, with the raw
// input to take free text from.
type args struct {
	raw   string
	toks  []token
	cuts  [][2]int   // byte ranges of raw taken out (options), left out of rest
	words vocabulary // options and flags in other languages
}

func (a *args) empty() bool { return len(a.toks) == 0 }

func (a *args) peek() (token, bool) {
	if len(a.toks) == 0 {
		return token{}, false
	}
	return a.toks[0], true
}

func (a *args) next() (token, bool) {
	t, ok := a.peek()
	if ok {
		a.toks = a.toks[1:]
	}
	return t, ok
}

// rest returns the remaining input exactly as typed (quotes included),
// but for the options taken out of it (with the space before one), and
// consumes it.
func (a *args) rest() string {
	if len(a.toks) == 0 {
		return ""
	}
	var b strings.Builder
	from := a.toks[0].start
	// Options taken by several calls (reason=, then on=) were cut in that
	// order, not in the order they stand in.
	slices.SortFunc(a.cuts, func(x, y [2]int) int { return x[0] - y[0] })
	for _, c := range a.cuts {
		if c[0] >= from {
			b.WriteString(strings.TrimRight(a.raw[from:c[0]], " \t"))
			from = c[1]
		}
	}
	b.WriteString(a.raw[from:])
	a.toks = nil
	return strings.TrimSpace(b.String())
}

// takeAnywhere removes the key=value options with keys among allowed from
// anywhere in a, free text included, and returns them by key.
func (a *args) takeAnywhere(allowed ...string) (map[string]string, error) {
	out := map[string]string{}
	var keep []token
	for _, t := range a.toks {
		key, value, isOpt := strings.Cut(t.text, "=")
		key = strings.ToLower(a.words.option(key))
		if !isOpt || !contains(allowed, key) {
			keep = append(keep, t)
			continue
		}
		if t.unclosed {
			return nil, unclosedQuote(a.raw, t)
		}
		if _, dup := out[key]; dup {
			return nil, badField(key, "err.option_twice", "Key", key)
		}
		out[key] = strings.TrimSpace(value)
		a.cuts = append(a.cuts, [2]int{t.start, t.end})
	}
	a.toks = keep
	return out, nil
}

// country consumes a country name, code or alias of up to four words.
// allowProgramme also accepts "programme" (returned as the empty code).
func (a *args) country(fw *ctbot.Framework, allowProgramme bool) (string, error) {
	if a.empty() {
		return "", badField("country", "err.country_missing")
	}
	if allowProgramme && isProgrammeWord(a.toks[0].text) {
		a.toks = a.toks[1:]
		return "", nil
	}
	for n := min(4, len(a.toks)); n >= 1; n-- {
		var words []string
		for _, t := range a.toks[:n] {
			if strings.Contains(t.text, "=") {
				break
			}
			words = append(words, t.text)
		}
		if len(words) < n {
			continue
		}
		if c := fw.LookupCountry(strings.Join(words, " ")); c != nil {
			a.toks = a.toks[n:]
			return c.Code, nil
		}
	}
	return "", unknownCountry(fw, a.toks[0].text)
}

func isProgrammeWord(s string) bool {
	switch strings.ToLower(s) {
	case "programme", "program", "all":
		return true
	}
	return false
}

func unknownCountry(fw *ctbot.Framework, s string) error {
	if sug := fw.SuggestCountries(s); len(sug) > 0 {
		return badField("country", "err.unknown_country_suggest", "Text", s, "List", choices{fw, sug, nil})
	}
	return badField("country", "err.unknown_country", "Text", s, "List", stateNames{fw})
}

// stateNames lists the states in the reader's language.
type stateNames struct{ fw *ctbot.Framework }

func (s stateNames) Localize(l *locale.Loc) string {
	names := make([]string, len(s.fw.Countries))
	for i, c := range s.fw.Countries {
		names[i] = c.NameIn(l.Lang())
	}
	return strings.Join(names, l.S("list.sep"))
}

// looksLikeDate reports whether s is meant as a date (even an invalid one).
func looksLikeDate(s string) bool {
	switch strings.ToLower(s) {
	case "today", "yesterday", "tomorrow":
		return true
	}
	return len(s) >= 8 && len(s) <= 10 && s[4] == '-' && strings.Count(s, "-") == 2 && s[0] >= '0' && s[0] <= '9' ||
		otherDateForm.MatchString(s)
}

// otherDateForm matches dates written another way than YYYY-MM-DD
// (20/11/2026, 20.11.2026, 20-11-2026, 2026/11/20), so that they are
// refused as a date in the wrong form, not taken for a missing one.
var otherDateForm = regexp.MustCompile(`^(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})[/.](\d{1,2})[/.](\d{1,2}))$`)

// dateFormError says how to write s, a date in another form, the way
// ctbot reads it: the date it most likely means, both readings when day
// and month could be swapped.
func dateFormError(s string) error {
	m := otherDateForm.FindStringSubmatch(s)
	var y, a, b int // a/b: the first and second number of a day-first date
	if m[4] != "" {
		y, _ = strconv.Atoi(m[4])
		b, _ = strconv.Atoi(m[5]) // year first: YYYY/MM/DD
		a, _ = strconv.Atoi(m[6])
	} else {
		a, _ = strconv.Atoi(m[1])
		b, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	}
	var readings []string
	for _, dm := range [][2]int{{a, b}, {b, a}} {
		d, err := ctbot.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, dm[1], dm[0]))
		if err == nil && !slices.Contains(readings, d.String()) {
			readings = append(readings, d.String())
		}
		if m[4] != "" {
			break // year first is never day first
		}
	}
	if len(readings) == 0 {
		return badField("date", "err.bad_date", "Text", s)
	}
	return badField("date", "err.date_form", "Text", s, "Readings", codeList(readings))
}

// parseDate reads YYYY-MM-DD, today, yesterday or tomorrow.
func parseDate(s string, today ctbot.Date) (ctbot.Date, error) {
	switch strings.ToLower(s) {
	case "today":
		return today, nil
	case "yesterday":
		return today.AddDays(-1), nil
	case "tomorrow":
		return today.AddDays(1), nil
	}
	if otherDateForm.MatchString(s) {
		return ctbot.Date{}, dateFormError(s)
	}
	d, err := ctbot.ParseDate(s)
	if err != nil {
		return d, badField("date", "err.bad_date", "Text", s)
	}
	return d, nil
}

// options are key=value words and bare flags such as "online".
type options struct {
	values map[string]string
	flags  map[string]bool
}

// takeOptions removes key=value tokens (and the given bare flags) from a.
// Keys must be among allowed; anything else is refused with a suggestion.
func (a *args) takeOptions(allowed []string, flags ...string) (options, error) {
	o := options{values: map[string]string{}, flags: map[string]bool{}}
	var keep []token
	for _, t := range a.toks {
		key, value, isOpt := strings.Cut(t.text, "=")
		if isOpt && t.unclosed {
			return o, unclosedQuote(a.raw, t)
		}
		if isOpt && !strings.ContainsAny(key, " ") && key != "" {
			key = strings.ToLower(a.words.option(key))
			if !contains(allowed, key) {
				if sug := ctbot.Suggest(key, allowed); len(sug) > 0 {
					return o, badInput("err.not_option_suggest", "Key", key, "List", codeList(sug))
				}
				return o, badInput("err.not_option", "Key", key, "List", joined(allowed))
			}
			if _, dup := o.values[key]; dup {
				return o, badField(key, "err.option_twice", "Key", key)
			}
			o.values[key] = value
			continue
		}
		if flag := strings.ToLower(a.words.word(t.text)); !t.quoted && contains(flags, flag) {
			o.flags[flag] = true
			continue
		}
		keep = append(keep, t)
	}
	a.toks = keep
	return o, nil
}

// leadingFlag removes the bare flag word at the start of a, and reports
// whether it was there: further on, in free text, it is a word like any
// other.
func (a *args) leadingFlag(flag string) bool {
	found := false
	for t, ok := a.peek(); ok && !t.quoted && strings.EqualFold(a.words.word(t.text), flag); t, ok = a.peek() {
		a.toks, found = a.toks[1:], true
	}
	return found
}

// maxCount bounds any count so a typo cannot record an absurd number.
const maxCount = 1_000_000

// count reads option key as a whole number >= 0; ok is false when absent.
func (o options) count(key string) (n int, ok bool, err error) {
	s, ok := o.values[key]
	if !ok {
		return 0, false, nil
	}
	n, err = fieldCount(key, s)
	return n, true, err
}

// fieldCount reads s, the value of field key, as a whole number >= 0.
func fieldCount(key, s string) (int, error) {
	n, err := parseCount(key+"=", s)
	if ue, ok := err.(*ctbot.Error); ok {
		ue.Field = key
	}
	return n, err
}

// optionalCount reads option key as a count that may be unknown: nil when
// absent (or given as "none"), not 0.
func (o options) optionalCount(key string) (*int, error) {
	if s, ok := o.values[key]; !ok || strings.EqualFold(s, "none") {
		return nil, nil
	}
	n, _, err := o.count(key)
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// parseCount reads a whole number >= 0; what names it in messages: an
// option as typed ("trained=") or a word (locale.M("what.value")).
func parseCount(what any, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	switch {
	case strings.HasPrefix(s, "-") && err == nil:
		return 0, badInput("err.negative", "What", what, "Text", s)
	case err != nil:
		return 0, badInput("err.not_whole", "What", what, "Text", s)
	case n > maxCount:
		return 0, badInput("err.implausible", "What", what, "Text", s)
	}
	return n, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// codeList is items as alternatives in code style: "`a`, `b` or `c`".
func codeList(items []string) locale.OrList {
	out := make(locale.OrList, len(items))
	for i, s := range items {
		out[i] = reply.Styled(s, reply.Code)
	}
	return out
}
