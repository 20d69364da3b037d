package ctbot

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps accented Latin letters to their base letter so "Cote" finds "Côte".
var fold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y",
	"’", "'", "‘", "'", "`", "'", "´", "'",
)

// normalise lower-cases s, folds accents and apostrophes, and collapses
// spaces, hyphens and underscores so that names compare loosely.
func normalise(s string) string {
	s = fold.Replace(strings.ToLower(strings.TrimSpace(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '-' || r == '_' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LookupCountry finds a country by code, name or alias, ignoring case,
// accents and the kind of apostrophe.
func (f *Framework) LookupCountry(s string) *Country {
	return f.countryIndex[normalise(s)]
}

// SuggestCountries returns the codes of up to three countries whose
// name (in any language), code or alias is close to s.
func (f *Framework) SuggestCountries(s string) []string {
	var cands []candidate
	for _, c := range f.Countries {
		names := append([]string{c.Name, c.Code}, c.Aliases...)
		for _, n := range c.Names {
			names = append(names, n)
		}
		cands = append(cands, candidate{c.Code, bestDistance(s, names)})
	}
	return closest(cands, s)
}

// LookupIndicator finds an indicator by code, ignoring case and treating
// spaces and underscores as hyphens ("investigators trained").
func (f *Framework) LookupIndicator(s string) *Indicator {
	n := normalise(s)
	for _, ind := range f.Indicators {
		if normalise(ind.Code) == n {
			return ind
		}
	}
	return nil
}

// SuggestIndicators returns up to three indicator codes close to s.
func (f *Framework) SuggestIndicators(s string) []string {
	var cands []candidate
	for _, ind := range f.Indicators {
		cands = append(cands, candidate{ind.Code, bestDistance(s, []string{ind.Code})})
	}
	return closest(cands, s)
}

// Suggest returns up to three of words close to s.
func Suggest(s string, words []string) []string {
	var cands []candidate
	for _, w := range words {
		cands = append(cands, candidate{w, bestDistance(s, []string{w})})
	}
	return closest(cands, s)
}

type candidate struct {
	name string
	dist int
}

// closest keeps the candidates within a distance that scales with the
// length of s (or that start with s), best first.
func closest(cands []candidate, s string) []string {
	limit := max(2, len([]rune(normalise(s)))/3+1)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for _, c := range cands {
		if c.dist <= limit && len(out) < 3 {
			out = append(out, c.name)
		}
	}
	return out
}

// bestDistance is the smallest edit distance from s to any of names; a name
// that starts with s (three letters or more) counts as distance 0.
func bestDistance(s string, names []string) int {
	best := 1 << 30
	n := normalise(s)
	for _, name := range names {
		nn := normalise(name)
		if len(n) >= 3 && strings.HasPrefix(nn, n) {
			return 0
		}
		best = min(best, levenshtein(n, nn))
	}
	return best
}

// EditDistance is the edit distance between a and b, in runes, compared
// loosely (case, accents and the kind of apostrophe ignored).
func EditDistance(a, b string) int { return levenshtein(normalise(a), normalise(b)) }

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// MentionedCountry is the country whose name or alias text mentions first,
// as whole words, ignoring case, accents and punctuation ("Côte d’Ivoire's
// team", "in the Philippines"); nil if none.
func (f *Framework) MentionedCountry(text string) *Country {
	words := " " + wordsOf(text) + " "
	var best *Country
	at, length := len(words), 0
	for _, c := range f.Countries {
		names := append([]string{c.Name}, c.Aliases...)
		for _, n := range c.Names {
			names = append(names, n) // a message in French or Russian names it so
		}
		for _, name := range names {
			w := wordsOf(name)
			if w == "" {
				continue
			}
			i := strings.Index(words, " "+w+" ")
			if i >= 0 && (i < at || i == at && len(w) > length) {
				best, at, length = c, i, len(w)
			}
		}
	}
	return best
}

// wordsOf is s normalised, with every character that is not a letter or
// digit read as a space.
func wordsOf(s string) string {
	return normalise(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, fold.Replace(s)))
}

// LookupInflected finds the country a Russian word names with a case
// ending ("в Таджикистане", "Кении", "из Ирака"): see Inflects.
func (f *Framework) LookupInflected(word string) *Country {
	for _, c := range f.Countries {
		names := slices.Clone(c.Aliases)
		for _, n := range c.Names {
			names = append(names, n)
		}
		for _, n := range names {
			if Inflects(word, n, false) {
				return c
			}
		}
	}
	return nil
}

// Inflects reports whether word is the Russian name with a case ending
// ("Кении", "Филиппинами"): the name, less its final vowel or soft sign,
// followed by a Russian ending. "Иран" is not "Ирак": a name that ends in
// a consonant keeps it whole. When near, a stem of seven letters or more
// may have one letter amiss after its first ("филипинами").
func Inflects(word, name string, near bool) bool {
	w, n := strings.ToLower(word), strings.ToLower(name)
	if !isCyrillic(w) || !isCyrillic(n) || utf8.RuneCountInString(n) < 4 {
		return false
	}
	stem := strings.TrimRight(n, "аяиыоеь")
	near = near && utf8.RuneCountInString(stem) >= 7
	for _, e := range russianEndings {
		rest, ok := strings.CutSuffix(w, e)
		if ok && (rest == stem || near && firstRune(rest) == firstRune(stem) && EditDistance(rest, stem) <= 1) {
			return true
		}
	}
	return false
}

// russianEndings are the case endings of place names, singular and plural
// ("на Филиппинах", "с Филиппинами").
var russianEndings = []string{"", "а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ом", "ем", "ию", "ии", "ия", "ью", "ах", "ях", "ам", "ям", "ами", "ями", "ией"}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}
