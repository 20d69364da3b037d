package commands_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// askMarkup are the characters an answer's markup, spacing and writing
// direction add around what it says, and what each becomes for matching.
var askMarkup = strings.NewReplacer(
	"*", "", "_", "", "`", "",
	"\u00a0", " ", "\u202f", " ", "\u2009", " ", "\u2007", " ",
	"\u200e", "", "\u200f", "", "\u061c", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"٪", "%", "٫", ".", "٬", ",", "’", "'", "ё", "е", "Ё", "Е",
)

var (
	askGroupComma = regexp.MustCompile(`(\d),(\d{3})\b`)
	askGroupSpace = regexp.MustCompile(`(\d) (\d{3})\b`)
	askDecimal    = regexp.MustCompile(`(\d),(\d)`)
	askPercent    = regexp.MustCompile(`(\d) %`)
	// askMonthPair is an Arabic month named twice, as Iraqi readers name
	// it ("تشرين الثاني/نوفمبر"): matched by its second name.
	askMonthPair = regexp.MustCompile(`[\p{Arabic}]+(?: [\p{Arabic}]+)?/([\p{Arabic}]+)`)
)

// normaliseAnswer is text as facts are looked for in it, in language
// lang: without markup (* _ `) and bidi marks, no-break spaces as spaces,
// Arabic-Indic digits as Latin ones, no thousands separators, a decimal
// point for a decimal comma, "36 %" as "36%", an Arabic month named twice
// by its second name, in lower case.
func normaliseAnswer(s, lang string) string {
	s = askMarkup.Replace(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
	if lang == "fr" || lang == "ru" {
		s = askGroupSpace.ReplaceAllString(s, "$1$2")
	} else {
		s = askGroupComma.ReplaceAllString(s, "$1$2")
	}
	s = askDecimal.ReplaceAllString(s, "$1.$2")
	s = askPercent.ReplaceAllString(s, "$1%")
	if lang == "ar" {
		s = askMonthPair.ReplaceAllString(s, "$1")
	}
	return strings.ToLower(s)
}

// hasFact reports whether the normalised answer holds fact as whole
// tokens: "48" is not found in "148", "4.8", "48.5" nor "48%"; a name
// is not found inside a longer word (in Arabic, after a one-letter
// prefix such as و "and"). A fact "A|B" is found when either is; a fact
// ending in "*" is a prefix ("Кени*" finds "Кении").
func hasFact(answer, fact, lang string) bool {
	for _, alt := range strings.Split(fact, "|") {
		prefix := strings.HasSuffix(alt, "*")
		alt = normaliseAnswer(strings.TrimSuffix(alt, "*"), lang)
		if alt == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(answer[from:], alt)
			if i < 0 {
				break
			}
			i += from
			j := i + len(alt)
			if leftBound(answer, i, alt, lang) && (prefix || rightBound(answer, j, alt)) {
				return true
			}
			_, size := utf8.DecodeRuneInString(answer[i:])
			from = i + size
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// leftBound reports whether a fact found at s[i:] starts a token.
func leftBound(s string, i int, fact, lang string) bool {
	if i == 0 {
		return true
	}
	prev, size := utf8.DecodeLastRuneInString(s[:i])
	before, _ := utf8.DecodeLastRuneInString(s[:i-size])
	first, _ := utf8.DecodeRuneInString(fact)
	switch {
	case (prev == '.' || prev == ',') && unicode.IsDigit(before) && unicode.IsDigit(first):
		return false // "8" in "4.8"
	case lang == "ar" && strings.ContainsRune("وبلف", prev) && (i-size == 0 || !isWordRune(before)):
		return true // "وكينيا": "and Kenya"
	}
	return !isWordRune(prev) || !isWordRune(first)
}

// rightBound reports whether a fact found ending at s[:j] ends a token.
func rightBound(s string, j int, fact string) bool {
	if j == len(s) {
		return true
	}
	next, size := utf8.DecodeRuneInString(s[j:])
	after, _ := utf8.DecodeRuneInString(s[j+size:])
	last, _ := utf8.DecodeLastRuneInString(fact)
	switch {
	case unicode.IsDigit(last) && (next == '.' || next == ',') && unicode.IsDigit(after):
		return false // "4" in "4.8"
	case unicode.IsDigit(last) && next == '%':
		return false // "48" in "48%"
	}
	return !isWordRune(next) || !isWordRune(last)
}

// isFigure reports whether a fact is a figure (a number, a share, a date):
// an answer holding a must_not figure gave a wrong figure.
func isFigure(fact string) bool { return strings.IndexFunc(fact, unicode.IsDigit) >= 0 }

// TestAskFactMatching pins the scorer's matching: figures as whole
// tokens, markup and each language's way of writing numbers aside.
func TestAskFactMatching(t *testing.T) {
	tests := []struct {
		answer, fact, lang string
		want               bool
	}{
		{"Kenya: 48 trained", "48", "en", true},
		{"Kenya: 148 trained", "48", "en", false},
		{"expected 4.8 by now", "48", "en", false},
		{"expected 4.8 by now", "4.8", "en", true},
		{"expected 4.8 by now", "4", "en", false},
		{"expected 4,8 d'ici là", "4.8", "fr", true},
		{"36,9\u00a0% de femmes", "36.9%", "fr", true},
		{"36,9\u202f% de femmes", "36.9", "fr", false},
		{"*84* trained", "84", "en", true},
		{"48% women", "48", "en", false},
		{"48% women", "48%", "en", true},
		{"١٢ متدربًا", "12", "ar", true},
		{"٣١٫٣٪", "31.3%", "ar", true},
		{"غانا وكينيا", "كينيا", "ar", true},
		{"كينياتي", "كينيا", "ar", false},
		{"в Кении 84", "Кения|Кении", "ru", true},
		{"в Кении 84", "Кени*", "ru", true},
		{"пт, 27 нояб. 2026 г.", "27 нояб. 2026", "ru", true},
		{"ven. 27 nov. 2026", "27 nov. 2026", "fr", true},
		{"Fri 27 Nov 2026", "27 Nov 2026", "en", true},
		{"Fri 27 Nov 2026", "7 Nov 2026", "en", false},
		{"@USTAFF2 recorded", "USTAFF", "en", false},
		{"@USTAFF2 recorded", "USTAFF2", "en", true},
		{"1,234 trained", "1234", "en", true},
		{"1 234 formés", "1234", "fr", true},
		{"Côte d’Ivoire", "Côte d'Ivoire", "fr", true},
	}
	for _, tt := range tests {
		if got := hasFact(normaliseAnswer(tt.answer, tt.lang), tt.fact, tt.lang); got != tt.want {
			t.Errorf("hasFact(%q, %q) = %v, want %v", tt.answer, tt.fact, got, tt.want)
		}
	}
}
