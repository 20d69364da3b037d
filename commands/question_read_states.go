package commands

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/cttechplus/ctbot"
)

// maxMatches bounds how many indicators one question names; an indicator
// is named by the words of its title when minTitleWords of them are there
// (one word, "trained" or "proceeded", is too often about something else).
const (
	maxMatches    = 3
	minTitleWords = 2
)

// readStates reads the states named, in order, by the first of:
//   - a code typed in capitals, ISO two-letter ("TJ", "KE") or three
//     ("CIV", "UZB"): "my", "in", "ke" in lower case are words;
//   - a name, alias, name in another language or in the catalogue
//     (askwords.state.<code>), of up to four words,
//     ignoring case and accents ("Ivory Coast", "Côte d’Ivoire", "au
//     Kenya", "l'Irak"), in Arabic with clitics ("والعراق", "بكينيا",
//     "لـكينيا", "في الفلبين");
//   - a Russian name with a case ending ("в Кении", "Таджикистана",
//     "Кот-д'Ивуару"), a long one with a letter amiss ("филипинами");
//   - a near miss of a one-word name, five letters or more, starting
//     with the same letter ("philipines", "nigria", "kenia").
func (r *reading) readStates() {
	for i := 0; i < len(r.toks); i++ {
		if r.used[i] {
			continue
		}
		co, n := r.stateAt(i)
		if co == nil || slices.Contains(r.q.States, co) {
			continue // a state named twice is not read twice: "status kenya kenya" is no status
		}
		r.mark(span{i, i + n})
		r.q.States = append(r.q.States, co)
		i += n - 1
	}
}

// stateAt is the state the tokens from i name, and how many tokens.
func (r *reading) stateAt(i int) (*ctbot.Country, int) {
	fw := r.c.fw
	typed := r.text[r.toks[i].start:r.toks[i].end]
	if co := stateCode(fw, typed); co != nil {
		return co, 1
	}
	for n := min(4, len(r.toks)-i); n >= 1; n-- {
		if anyUsed(r.used, i, i+n) {
			continue
		}
		for _, co := range fw.Countries {
			for _, p := range r.namesOf(co) {
				if _, ok := p.matchAt(r.toks, i); ok && len(p.toks) == n {
					return co, n
				}
			}
		}
	}
	if co, n := r.inflectedAt(i); co != nil {
		return co, n
	}
	w := r.toks[i].s
	if utf8.RuneCountInString(w) < 5 || r.v.known(r.toks, i) {
		return nil, 0
	}
	for _, co := range fw.Countries {
		for _, name := range namesOf(co) {
			if strings.ContainsRune(name, ' ') || !sameFirst(w, name) {
				continue
			}
			limit := 1
			if utf8.RuneCountInString(name) >= 8 {
				limit = 2
			}
			if ctbot.EditDistance(w, name) <= limit {
				return co, 1
			}
		}
	}
	return nil, 0
}

// namesOf are the names of co as questions read them: the
// configuration's (statePhrases) and the catalogue's (askwords.state.<code>:
// "ساحل العاج").
func (r *reading) namesOf(co *ctbot.Country) []phrase {
	return append(slices.Clip(r.c.statePhrases[co]), r.v.phr["state."+co.Code]...)
}

// inflectedAt is the state a Russian name with a case ending names from
// toks[i] ("Кении", "Кот-д'Ивуару": the last word inflected), a long one
// with a letter amiss ("филипинами"); and how many tokens.
func (r *reading) inflectedAt(i int) (*ctbot.Country, int) {
	for _, near := range []bool{false, true} {
		for _, co := range r.c.fw.Countries {
			for _, p := range r.namesOf(co) {
				n := len(p.toks)
				if i+n > len(r.toks) || anyUsed(r.used, i, i+n) || !ctbot.Inflects(r.toks[i+n-1].s, p.toks[n-1], near) {
					continue
				}
				head := phrase{toks: p.toks[:n-1], prefix: p.prefix[:n-1], arabic: p.arabic[:n-1]}
				if _, ok := head.matchAt(r.toks, i); ok || n == 1 {
					return co, n
				}
			}
		}
	}
	return nil, 0
}

// stateCode is the state a code typed in capitals stands for: ISO 3166
// alpha-2 or alpha-3, of a state of the framework.
func stateCode(fw *ctbot.Framework, typed string) *ctbot.Country {
	if n := len(typed); n < 2 || n > 3 || strings.ToUpper(typed) != typed || strings.ContainsFunc(typed, func(r rune) bool { return r < 'A' || r > 'Z' }) {
		return nil
	}
	if len(typed) == 3 {
		reg, err := language.ParseRegion(typed)
		if err != nil {
			return nil
		}
		typed = reg.String()
	}
	return fw.Country(typed)
}

// statePhrases are the names of each state of fw, compiled.
func statePhrases(fw *ctbot.Framework) map[*ctbot.Country][]phrase {
	out := map[*ctbot.Country][]phrase{}
	for _, co := range fw.Countries {
		for _, name := range namesOf(co) {
			out[co] = append(out[co], compilePhrase(name))
		}
	}
	return out
}

// namesOf are a state's names: its name, aliases and names in other
// languages.
func namesOf(co *ctbot.Country) []string {
	names := append([]string{co.Name}, co.Aliases...)
	for _, n := range co.Names {
		names = append(names, n)
	}
	return names
}

func sameFirst(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(normWord(a))
	rb, _ := utf8.DecodeRuneInString(normWord(b))
	return ra == rb
}

// readIndicatorNames reads the indicators named, of the phase in force: by
// code ("investigators-trained", "ppp mechanisms"), by the phrases of
// askwords.indicator.<code> ("UNSR", "PPP", "CT strategies", "decision
// making"), else by two words or more of their titles in any language that
// name one indicator only (words of askwords.indicator_stop never do: "women"
// and "share" do not name the women-in-policy indicator).
func (r *reading) readIndicatorNames() {
	before := slices.Clone(r.used)
	for _, ind := range r.c.fw.Current(r.today).Indicators {
		if r.takeNamed("indicator."+ind.Code, ind.Code) {
			r.addIndicator(ind)
		}
	}
	r.named = make([]bool, len(r.toks))
	for i := range r.named {
		r.named[i] = r.used[i] && !before[i]
	}
}

func (r *reading) addIndicator(ind *ctbot.Indicator) {
	if !slices.Contains(r.q.Indicators, ind) && len(r.q.Indicators) < maxMatches {
		r.q.Indicators = append(r.q.Indicators, ind)
	}
}

// readIndicatorTitles reads the indicators named by the words of their
// titles, when none was named otherwise (see readIndicatorNames).
func (r *reading) readIndicatorTitles() {
	if len(r.q.Indicators) > 0 {
		return
	}
	phase := r.c.fw.Current(r.today)
	in := map[string]bool{}
	for i, t := range r.toks {
		if !r.used[i] && !r.v.stopped(t.s) {
			in[stem(t.s)] = true
		}
	}
	best, score := []*ctbot.Indicator(nil), 0
	scores := map[*ctbot.Indicator]int{}
	for k, inds := range r.c.indicatorWords[phase] {
		if len(inds) == 1 && in[k] {
			scores[inds[0]]++
		}
	}
	for _, ind := range phase.Indicators { // framework order for ties
		switch s := scores[ind]; {
		case s > score:
			best, score = []*ctbot.Indicator{ind}, s
		case s == score && s > 0:
			best = append(best, ind)
		}
	}
	if score < minTitleWords {
		return
	}
	for _, ind := range best {
		r.addIndicator(ind)
	}
}

// stopped reports whether word w, by stem, is in askwords.indicator_stop.
func (v vocabulary) stopped(w string) bool {
	s := stem(w)
	for _, p := range v.phr["indicator_stop"] {
		if len(p.toks) == 1 && (stem(p.toks[0]) == s || p.prefix[0] && strings.HasPrefix(w, p.toks[0])) {
			return true
		}
	}
	return false
}

// indicatorWords are the words of the indicators' codes and titles, in
// every language, by stem, with the indicators they name: built once.
func indicatorWords(fw *ctbot.Framework, v vocabulary) map[string][]*ctbot.Indicator {
	owners := map[string][]*ctbot.Indicator{}
	for _, ind := range fw.Indicators {
		seen := map[string]bool{}
		titles := []string{strings.ReplaceAll(ind.Code, "-", " "), ind.Title, ind.ShortTitle}
		for lang := range ind.Titles {
			titles = append(titles, ind.Titles[lang], ind.ShortTitles[lang])
		}
		for _, t := range qtokens(strings.Join(titles, " ")) {
			k := stem(t.s)
			if utf8.RuneCountInString(k) < 3 || v.stopped(t.s) || seen[k] {
				continue
			}
			seen[k] = true
			owners[k] = append(owners[k], ind)
		}
	}
	return owners
}

// stem reduces a word (a token) to a rough singular: strategies →
// strategy; Russian words to their first five letters, Arabic without
// the article.
func stem(w string) string {
	if r := []rune(w); len(r) > 5 && unicode.Is(unicode.Cyrillic, r[0]) {
		return string(r[:5]) // Russian endings vary: "принятые", "принятыми"
	}
	if a, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(a) >= 3 {
		return a
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
