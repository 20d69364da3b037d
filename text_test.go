package ctbot

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The refusals of a text, by field and problem, as the message catalogue
// words them.
func textRefusal(field, message string, args ...any) *Error {
	name := map[string]string{"source": "evidence"}[field]
	if name == "" {
		name = field
	}
	return &Error{Code: ERefused, Field: field, Message: message, Args: append([]any{"Field", M("field." + name)}, args...)}
}

func char(field string, r rune, at int) *Error {
	return textRefusal(field, "err.text_char", "Char", fmt.Sprintf("%U", r), "At", at)
}
func notUTF8(field string, at int) *Error { return textRefusal(field, "err.text_utf8", "At", at) }
func oneLine(field string, at int) *Error { return textRefusal(field, "err.text_line", "At", at) }
func tooLong(field string, n, max int) *Error {
	return textRefusal(field, "err.text_long", "Len", n, "Max", max)
}

func TestTextFieldCheck(t *testing.T) {
	tests := []struct {
		name string
		f    TextField
		s    string
		want *Error // nil: taken
	}{
		{"plain", NoteText, "Met the MoJ; follow-up next week.", nil},
		{"note lines and tabs", NoteText, "one\ttwo\nthree", nil},
		{"arabic with marks", NoteText, "اجتماع\u200f مع الوزارة", nil},
		{"replacement char typed", NoteText, "a\uFFFDb", nil},
		{"balanced isolate", NoteText, "\u2067عربي\u2069 then", nil},
		{"isolate closes its embedding", NoteText, "\u2067a\u202eb\u2069", nil},
		{"NUL", NoteText, "a\x00b", char("note", 0, 2)},
		{"ESC sequence", NoteText, "x\x1b[2J", char("note", 0x1b, 2)},
		{"CR", NoteText, "a\rb", char("note", '\r', 2)},
		{"DEL", NoteText, "a\x7f", char("note", 0x7f, 2)},
		{"C1 NEL", NoteText, "é\u0085", char("note", 0x85, 2)},
		{"C1 CSI", TitleText, "\u009b31m", char("title", 0x9b, 1)},
		{"line separator", NoteText, "a\u2028b", char("note", 0x2028, 2)},
		{"noncharacter FDD0", SourceText, "a\ufdd0", char("source", 0xfdd0, 2)},
		{"noncharacter 1FFFE", NoteText, "\U0001fffe", char("note", 0x1fffe, 1)},
		{"lone surrogate", NoteText, "ab\xed\xa0\x80", notUTF8("note", 3)},
		{"not UTF-8", NoteText, "\xff", notUTF8("note", 1)},
		{"line break in a title", TitleText, "a\nb", oneLine("title", 2)},
		{"tab in a source", SourceText, "a\tb", oneLine("source", 2)},
		{"stray PDI", NoteText, "\u2069\u202eok", char("note", pdi, 1)},
		{"override never closed", NoteText, "ok \u202ereversed", char("note", rlo, 4)},
		{"override open across a line", NoteText, "\u202ea\nb\u202c", char("note", rlo, 1)},
		{"PDF inside an isolate", NoteText, "\u202a\u2066a\u202c\u2069", char("note", pdf, 4)},
		{"note at its cap", NoteText, strings.Repeat("é", 3000), nil},
		{"note over its cap", NoteText, strings.Repeat("é", 3001), tooLong("note", 3001, 3000)},
		{"1 MB note", NoteText, strings.Repeat("a", 1<<20), tooLong("note", 1<<20, 3000)},
		{"title over its cap", TitleText, strings.Repeat("ж", 201), tooLong("title", 201, 200)},
		{"source over its cap", SourceText, strings.Repeat("s", 301), tooLong("source", 301, 300)},
		{"reason over its cap", ReasonText, strings.Repeat("r", 501), tooLong("reason", 501, 500)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Check(tt.s)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !reflect.DeepEqual(err, tt.want) {
				t.Errorf("got %#v, want %#v", err, tt.want)
			}
		})
	}
}

func TestBalanceBidi(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\u2069\u202ereversed", "\u202ereversed\u202c"},               // the note: stray close out, open closed
		{"a\u202eb\nc", "a\u202eb\u202c\nc"},                           // closed before the line ends
		{"\u2067x\u202ey\u2069z", "\u2067x\u202ey\u202c\u2069z"},       // an isolate's close closes what it holds
		{"\u2067x\u202cy", "\u2067xy\u2069"},                           // a PDF cannot close an isolate
		{"\u2068\u2068a\u2069", "\u2068\u2068a\u2069\u2069"},           // nested
		{"\u202a\u202b\u202c\u202c\u202c", "\u202a\u202b\u202c\u202c"}, // one close too many
		{"عربي \u200fنص\u061c", "عربي \u200fنص\u061c"},                 // marks are not controls
		{"bad\xff\u202e", "bad\uFFFD\u202e\u202c"},                     // bytes that are not UTF-8 as U+FFFD
		{"\xe2\u2069\x80\xae", "\uFFFD\uFFFD"},                         // which cannot form a control once a close is left out
		{"\u2066a\u2069\u2069\u2069b", "\u2066a\u2069b"},               // stray closes after a pair
		{"\u202e\u2029x", "\u202e\u202c\u2029x"},                       // a paragraph separator ends a line too
		{"\u2067" + strings.Repeat("x", 10), "\u2067xxxxxxxxxx\u2069"}, // closed at the end
		{"\u2066a\u2067b\u2069c\u2069", "\u2066a\u2067b\u2069c\u2069"}, // balanced stays
		{"x\u2069\u2069\u202c\u202c", "x"},                             // only stray closes
		{"\u202d\u2069ltr", "\u202dltr\u202c"},                         // a PDI with no isolate open
		{"\u2068\u202a\u2069", "\u2068\u202a\u202c\u2069"},             // the PDF is written out
		{"", ""},
	}
	for _, tt := range tests {
		got := BalanceBidi(tt.in)
		if got != tt.want {
			t.Errorf("BalanceBidi(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if err := CheckChars("note", got, true); unbalanced(err) {
			t.Errorf("BalanceBidi(%+q) = %+q, still refused: %v", tt.in, got, err)
		}
	}
}

// TestBidiBalancerPieces balances a text written in pieces (a message
// argument's spans) as one.
func TestBidiBalancerPieces(t *testing.T) {
	var b BidiBalancer
	got := b.Write("a\u2069\u202e") + b.Write("b\u2067") + b.Write("c\u2069\u202c") + b.Write("d") + b.Close()
	if want := "a\u202eb\u2067c\u2069\u202cd"; got != want {
		t.Errorf("pieces = %+q, want %+q", got, want)
	}
	if rest := b.Close(); rest != "" {
		t.Errorf("a second Close = %+q", rest)
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"  plain  ":              "plain",
		"a\r\nb\u2028c\u2029d":   "a\nb\nc\nd",
		" \u2069\u202eoverride ": "\u202eoverride\u202c",
		"a\x1bb":                 "a\x1bb", // refused later, where it is
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

func TestFitText(t *testing.T) {
	long := "\x1b[2J\x00" + strings.Repeat("م", 4000) + "\u202e"
	got := FitText(NoteText, long)
	if err := NoteText.Check(got); err != nil {
		t.Fatalf("FitText gave text the note refuses: %v", err)
	}
	if n := utf8.RuneCountInString(got); n > NoteText.Max || n < NoteText.Max-2 {
		t.Errorf("FitText kept %d characters, want about %d", n, NoteText.Max)
	}
	if !strings.HasPrefix(got, "[2J") {
		t.Errorf("FitText = %+q…", got[:10])
	}
	if got := FitText(TitleText, "a\nb\tc\xff\u0085"); got != "a b c" {
		t.Errorf("FitText(title) = %+q", got)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext\n":           "plain\ttext\n",
		"\x1b]0;owned\x07\x1b[2J": "\uFFFD]0;owned\uFFFD\uFFFD[2J",
		"a\x00b\x7fc\u009bd\re":   "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe",
		"bad\xffbyte":             "bad\uFFFDbyte",
		"\u2069\u202eright":       "\u202eright\u202c",
		"عربي":                    "عربي",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

func TestEntryCheckText(t *testing.T) {
	ok := Entry{Kind: KindLog, Country: "KE", Note: "fine\nnote", Title: "T", Evidence: "minutes", Link: "https://x.org", UserID: "U1", Source: "log kenya fine"}
	if err := ok.CheckText(); err != nil {
		t.Fatalf("clean entry refused: %v", err)
	}
	for field, e := range map[string]Entry{
		"note":      {Note: "a\x1b[2J"},
		"title":     {Title: strings.Repeat("t", 201)},
		"source":    {Evidence: "ok\u0085"},
		"link":      {Link: strings.Repeat("l", 2001)},
		"reason":    {RetractReason: "\x00"},
		"country":   {Country: "K\x1bE"},
		"stage":     {Stage: "a\nb"},
		"user":      {UserID: "U\x00"},
		"command":   {Source: "log kenya \xff"},
		"indicator": {Indicator: "\u009b"},
	} {
		var te *Error
		if err := e.CheckText(); !errors.As(err, &te) || te.Field != field || te.Code != ERefused {
			t.Errorf("%s: got %v", field, err)
		}
	}
}

// unbalanced reports whether err refuses a directional control.
func unbalanced(err error) bool {
	var te *Error
	if !errors.As(err, &te) || te.Message != "err.text_char" {
		return false
	}
	var r rune
	fmt.Sscanf(te.Args[3].(string), "U+%X", &r)
	return bidiKind(r) == bidiOpen || bidiKind(r) == bidiClose
}

// FuzzBalanceBidi: whatever the text, once balanced no directional control
// is refused, and text without any comes back unchanged; fitted to a field,
// the field takes it.
func FuzzBalanceBidi(f *testing.F) {
	for _, s := range []string{"\u2069\u202e", "\xe2\u2069\x80\xae", "\u2067a\u202cb\u2069\u2069", "a\u202e\nb\u202c", "plain", "\xff\u2066"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := BalanceBidi(s)
		if err := CheckChars("note", got, true); unbalanced(err) {
			t.Fatalf("BalanceBidi(%+q) = %+q: %v", s, got, err)
		}
		if !hasBidi(s) && utf8.ValidString(s) && got != s {
			t.Fatalf("BalanceBidi(%+q) changed text without controls: %+q", s, got)
		}
		for _, f := range []TextField{NoteText, TitleText} {
			if fit := FitText(f, s); f.Check(fit) != nil {
				t.Fatalf("FitText(%s, %+q) = %+q: %v", f.Name, s, fit, f.Check(fit))
			}
		}
	})
}
