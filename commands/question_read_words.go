package commands

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// A question is read as tokens: its words, lower case, without accents
// or Arabic short vowels (so "préparation", "preparation" and
// "المدرَّبون", "المدربون" read alike), split where letters meet digits
// ("Q3", "1er", "و15"). Each keeps where it was typed, so that what a
// question said can be given back as typed (Window.Said, Unread).
type qtok struct {
	s          string // normalised
	start, end int    // byte span in the text as typed
}

// plain removes accents and other combining marks, and the Arabic
// tatweel ("لـكينيا").
var plain = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), runes.Remove(runes.Predicate(func(r rune) bool { return r == 'ـ' })), norm.NFC)

// normWord is w as tokens compare: lower case, plain, with one kind of
// apostrophe.
func normWord(w string) string {
	w = strings.ToLower(w)
	if !strings.ContainsFunc(w, func(r rune) bool { return r >= 0x80 }) {
		return strings.ReplaceAll(w, "`", "'")
	}
	if s, _, err := transform.String(plain, w); err == nil {
		w = s
	}
	return strings.NewReplacer("’", "'", "‘", "'", "`", "'", "´", "'").Replace(w)
}

// kindOf classes a rune for splitting: a letter (Arabic apart, for "و15"),
// a digit, a joiner inside words (apostrophe), or a separator.
func kindOf(r rune) int {
	switch {
	case r == '\'' || r == '’' || r == '‘' || r == 'ـ' || unicode.Is(unicode.Mn, r):
		return 3
	case unicode.IsDigit(r):
		return 2
	case unicode.IsLetter(r):
		return 1
	}
	return 0
}

// qtokens splits text into tokens. Letters and digits run together in a
// token only as themselves; apostrophes stay inside words ("aujourd'hui",
// "d'ivoire"); the French elisions l' and d' are dropped ("l'Irak").
func qtokens(text string) []qtok {
	var out []qtok
	start, prev := -1, 0
	flush := func(end int) {
		if start < 0 {
			return
		}
		s := strings.Trim(normWord(text[start:end]), "'")
		for _, el := range []string{"l'", "d'"} {
			if rest, ok := strings.CutPrefix(s, el); ok && rest != "" {
				s = rest
			}
		}
		s = strings.TrimSuffix(s, "'s")
		if s != "" {
			out = append(out, qtok{s: digitsOf(s), start: start, end: end})
		}
		start = -1
	}
	for i, r := range text {
		k := kindOf(r)
		switch {
		case k == 0:
			flush(i)
		case start < 0:
			if k != 3 {
				start = i
			}
		case k != 3 && prev != 3 && k != prev:
			flush(i)
			start = i
		}
		if k != 0 {
			prev = k
		}
	}
	flush(len(text))
	return out
}

// digitsOf writes Arabic-Indic digits in ASCII ("١٥" is 15).
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}

// phrase is one phrase of the catalogue's [askwords], as tokens; a token
// written with a final "*" matches any word it begins ("train*").
type phrase struct {
	toks           []string
	prefix, arabic []bool
}

func compilePhrase(s string) phrase {
	var p phrase
	for _, w := range strings.Fields(s) {
		star := strings.HasSuffix(w, "*")
		ts := qtokens(strings.TrimSuffix(w, "*"))
		for i, t := range ts {
			p.toks = append(p.toks, t.s)
			p.prefix = append(p.prefix, star && i == len(ts)-1)
			p.arabic = append(p.arabic, isArabic(t.s))
		}
	}
	return p
}

// arabicClitics are what Arabic writes onto the front of a word: "and",
// "in/with", "for", "as", and the article with them ("والعراق",
// "بكينيا", "للعراق", "لـكينيا").
var arabicClitics = []string{"وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وف", "و", "ف", "ب", "ل", "ك"}

// tokenIs reports whether token t is word w (or begins with it, when
// prefix): in Arabic (arabic: w is), with or without clitics in front.
func tokenIs(t, w string, prefix, arabic bool) bool {
	if t == w || prefix && strings.HasPrefix(t, w) {
		return true
	}
	if w == "" || !arabic {
		return false
	}
	bare, article := strings.CutPrefix(w, "ال")
	for _, c := range arabicClitics {
		rest, ok := strings.CutPrefix(t, c)
		if !ok {
			continue
		}
		if rest == w || prefix && strings.HasPrefix(rest, w) {
			return true
		}
		if article && c == "لل" && (rest == bare || prefix && strings.HasPrefix(rest, bare)) {
			return true
		}
	}
	return false
}

func isArabic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) })
}

// matchAt reports whether p matches toks from i on, and how many tokens.
func (p phrase) matchAt(toks []qtok, i int) (int, bool) {
	if len(p.toks) == 0 || i+len(p.toks) > len(toks) {
		return 0, false
	}
	for j, w := range p.toks {
		if !tokenIs(toks[i+j].s, w, p.prefix[j], p.arabic[j]) {
			return 0, false
		}
	}
	return len(p.toks), true
}

// span is a run of tokens a phrase matched: toks[from:to].
type span struct{ from, to int }

// compileAsk compiles the phrases of each [askwords] key, longest first.
func compileAsk(ask map[string][]string) map[string][]phrase {
	out := map[string][]phrase{}
	for key, list := range ask {
		for _, s := range list {
			if p := compilePhrase(s); len(p.toks) > 0 {
				out[key] = append(out[key], p)
			}
		}
		ps := out[key]
		for i := 1; i < len(ps); i++ { // insertion sort: longest first, stable
			for j := i; j > 0 && len(ps[j].toks) > len(ps[j-1].toks); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return out
}

// find returns where the phrases of key match toks, in order, not
// overlapping, and skipping tokens already used when used is given.
func (v vocabulary) find(toks []qtok, key string, used []bool) []span {
	var out []span
	for i := 0; i < len(toks); i++ {
		if used != nil && used[i] {
			continue
		}
		for _, p := range v.phr[key] {
			if n, ok := p.matchAt(toks, i); ok && !anyUsed(used, i, i+n) {
				out = append(out, span{i, i + n})
				i += n - 1
				break
			}
		}
	}
	return out
}

func anyUsed(used []bool, from, to int) bool {
	for i := from; used != nil && i < to; i++ {
		if used[i] {
			return true
		}
	}
	return false
}

// has reports whether a phrase of key is in toks.
func (v vocabulary) has(toks []qtok, key string) bool { return len(v.find(toks, key, nil)) > 0 }

// asks reports whether question q holds a phrase of intent.
func (v vocabulary) asks(q, intent string) bool { return v.has(qtokens(q), intent) }

// wordRE finds words: letters, digits, apostrophes and hyphens inside.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’\-]*`)

// words are the words of text, without a possessive 's.
func words(text string) []string {
	ws := wordRE.FindAllString(text, -1)
	for i := range ws {
		ws[i] = strings.TrimSuffix(strings.TrimSuffix(ws[i], "'s"), "’s")
	}
	return ws
}
