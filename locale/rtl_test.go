package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"github.com/cttechplus/ctbot/reply"
)

// firstStrong is the bidi class of the first strong character of line
// outside isolates (UBA rules P2 and P3: what gives a paragraph its
// direction), or bidi.ON when it has none.
func firstStrong(line string) bidi.Class {
	depth := 0
	for _, r := range line {
		switch r {
		case '\u2066', '\u2067', '\u2068':
			depth++
			continue
		case '\u2069':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		p, _ := bidi.LookupRune(r)
		switch c := p.Class(); c {
		case bidi.L, bidi.R, bidi.AL:
			return c
		}
	}
	return bidi.ON
}

// dummyArgs are arguments for every placeholder of forms, in Latin
// letters (the hardest case: a name that reads left to right), with N the
// count n.
func dummyArgs(forms map[string]string, n int) []any {
	var names []string
	for _, text := range forms {
		names = append(names, placeholders(text)...)
	}
	slices.Sort(names)
	var args []any
	for _, name := range slices.Compact(names) {
		if name == "N" {
			args = append(args, name, n)
		} else {
			args = append(args, name, "Kenya 12")
		}
	}
	if forms["other"] != "" && !slices.Contains(names, "N") {
		args = append(args, "N", n)
	}
	return args
}

// TestArabicLinesStartRTL: every line of every Arabic message, written
// with arguments in Latin letters, gets a right-to-left base direction:
// its first strong character outside isolates is Arabic (or the RLM
// ctbot puts there). A line such as "*{{.Country}}* — {{.Body}}", which
// has no Arabic letter of its own, would otherwise be laid out left to
// right, the state's name last.
func TestArabicLinesStartRTL(t *testing.T) {
	l := Default().For("ar")
	for id, forms := range messages(t, "ar") {
		if strings.HasPrefix(id, "askwords.") || strings.HasPrefix(id, "input.") {
			continue // words read from input, never shown as a line
		}
		for _, n := range []int{0, 1, 2, 3, 11, 100} {
			text := l.T(id, dummyArgs(forms, n)...).String()
			for i, line := range strings.Split(text, "\n") {
				if strings.TrimSpace(line) == "" || !strings.ContainsFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
					continue // punctuation alone ("، ", "–"): a fragment, no line
				}
				if c := firstStrong(line); c != bidi.R && c != bidi.AL {
					t.Errorf("%s (N=%d) line %d reads left to right: %+q", id, n, i+1, line)
				}
			}
			if forms["other"] == "" {
				break
			}
		}
	}
}

// TestArabicCodeSpansIsolated: in Arabic each code span sits in a
// left-to-right isolate outside its backticks, so "/ct status" reads (and
// copies) as written, with no control character inside the code; S, which
// gives words and labels used elsewhere, has no marks at all.
func TestArabicCodeSpansIsolated(t *testing.T) {
	l := Default().For("ar")
	msg := l.T("status.footer", "Cmd", "/ct", "Codes", reply.Join(reply.Plain("، "), reply.Styled("a-b", reply.Code), reply.Styled("c", reply.Code)))
	codes := 0
	for i, s := range msg {
		if s.Style&reply.Code == 0 {
			continue
		}
		codes++
		if strings.ContainsAny(s.Text, "\u200f\u2066\u2067\u2068\u2069") {
			t.Errorf("a control character in code: %+q", s.Text)
		}
		if i > 0 && msg[i-1].Style&reply.Code != 0 {
			continue // the same run
		}
		if i == 0 || !strings.HasSuffix(msg[i-1].Text, "\u2066") {
			t.Errorf("code span %+q is not opened by an LRI: %+q", s.Text, msg.String())
		}
		end := i
		for end < len(msg) && msg[end].Style&reply.Code != 0 {
			end++
		}
		if end == len(msg) || !strings.HasPrefix(msg[end].Text, "\u2069") {
			t.Errorf("code span %+q is not closed by a PDI: %+q", s.Text, msg.String())
		}
	}
	if codes < 2 {
		t.Fatalf("status.footer has %d code spans: %+q", codes, msg.String())
	}
	for _, id := range []string{"status.footer", "help.footer", "verdict.share", "number.percent", "list.sep", "date.long", "month.1"} {
		s := l.S(id, "Cmd", "/ct", "Codes", "x", "Rating", "y", "Value", "1", "Weekday", "w", "Day", "1", "Month", "m", "Year", "2026")
		if strings.ContainsAny(s, "\u200f\u2066") {
			t.Errorf("S(%s) has directional marks: %+q", id, s)
		}
	}
	if fr := Default().For("fr").T("status.footer", "Cmd", "/ct", "Codes", "x").String(); strings.ContainsAny(fr, "\u200f\u2066\u2068") {
		t.Errorf("French has directional marks: %+q", fr)
	}
}

// TestArabicNestedMessageIsRTL: a message used inside another (a rating
// after a colon) starts with its own RLM, so the isolate around it reads
// right to left: ": *على المسار*" keeps its colon on the right.
func TestArabicNestedMessageIsRTL(t *testing.T) {
	l := Default().For("ar")
	verdict := l.T("verdict.share", "Rating", l.T("rating.on_track"))
	line := l.T("status.indicator_line", "Name", "Kenya", "Value", "12", "Verdict", verdict).String()
	if !strings.Contains(line, "\u2068\u200f") {
		t.Errorf("the verdict's isolate does not start right to left: %+q", line)
	}
	if !strings.HasPrefix(line, "\u200f") {
		t.Errorf("the line does not start with an RLM: %+q", line)
	}
	// A nested message given as a locale.Msg is marked too.
	err := l.T("err.bad_input", "Msg", M("err.unknown_command", "Cmd", "/ct", "Name", "x")).String()
	if !strings.Contains(err, "\u2068\u200f") {
		t.Errorf("the nested error's isolate does not start right to left: %+q", err)
	}
}

// TestArabicWording: the reviewer's Arabic terms are used and the words
// they replace are gone from every message shown (input words and the
// question words are read, not shown, and keep their old forms).
func TestArabicWording(t *testing.T) {
	all := messages(t, "ar")
	var shown strings.Builder
	for id, forms := range all {
		if strings.HasPrefix(id, "askwords.") || strings.HasPrefix(id, "input.") {
			continue
		}
		for _, text := range forms {
			shown.WriteString(text + "\n")
		}
	}
	text := shown.String()
	for _, bad := range []string{"بلد", "نقطة اتصال", "نقاط الاتصال", "تحقّق\"", "بلدان اثنان", "عُقد في {{", "مخطط له في {{", "إطلاق المشروع",
		"today", "yesterday", "tomorrow", "planned أو", "على المسار الصحيح"} {
		if strings.Contains(text, bad) {
			t.Errorf("an Arabic message still says %q", bad)
		}
	}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`[0-9}]٪`),                               // Latin digits take "%"
		regexp.MustCompile(`في \{\{\.(Date|On|At|Since|Until)\}\}`), // a long date starts with its weekday: "يوم …"
		regexp.MustCompile(`: \*\{\{\.Rating\}\}\*"`),               // no colon stacked after another
	} {
		if m := re.FindString(text); m != "" {
			t.Errorf("an Arabic message has %q", m)
		}
	}
	for id, want := range map[string]string{
		"count.countries": "دولتان", "rating.achieved": "مُحقَّق", "role.focal": "جهة تنسيق", "month.1": "كانون الثاني/يناير",
		"kind.kickoff": "الاجتماع الاستهلالي", "event.held": "تاريخ الانعقاد", "number.percent": "%",
	} {
		if got := strings.Join(mapValues(all[id]), " "); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q in it", id, got, want)
		}
	}
}

// A separator is punctuation inside a line, not a line: no direction mark
// ("غانا، نيجيريا", not "غانا‏، نيجيريا").
func TestArabicSeparatorHasNoMark(t *testing.T) {
	l := Default().For("ar")
	for _, id := range []string{"list.sep", "ask.answer_sep"} {
		if s := l.T(id).String(); strings.ContainsRune(s, '\u200f') {
			t.Errorf("%s is marked: %+q", id, s)
		}
	}
}
