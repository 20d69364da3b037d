package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

func TestMarkupIsReadFromTheTemplateOnly(t *testing.T) {
	l := Default().For("en")
	hostile := "<!channel> *bold* _it_ `code` ~x~ \uE0000\uE001"
	got := l.T("entry.line", "Country", hostile, "Body", l.T("entry.log", "Note", hostile))
	var literal []string
	for _, sp := range got {
		if sp.Kind != reply.KindText {
			t.Errorf("an argument became a %v span", sp.Kind)
		}
		if strings.Contains(sp.Text, hostile) {
			literal = append(literal, sp.Text)
		}
	}
	if len(literal) != 2 {
		t.Fatalf("the hostile text is not two literal spans: %#v", got)
	}
	if got[0].Style != reply.Bold || got[0].Text != hostile {
		t.Errorf("*{{.Country}}* did not make the country one bold literal span: %#v", got[0])
	}
}

func TestMarkupRules(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []reply.Span
	}{
		{"a *b* c", []reply.Span{{Text: "a "}, {Text: "b", Style: reply.Bold}, {Text: " c"}}},
		{"snake_case_word", []reply.Span{{Text: "snake_case_word"}}},
		{"a * b", []reply.Span{{Text: "a * b"}}},
		{"`x *y*`", []reply.Span{{Text: "x *y*", Style: reply.Code}}},
		{"*a\nb*", []reply.Span{{Text: "*a\nb*"}}},
		{"~`#1` x~", []reply.Span{{Text: "#1", Style: reply.Strike | reply.Code}, {Text: " x", Style: reply.Strike}}},
	} {
		got := parse(c.in, nil)
		if len(got) != len(c.want) {
			t.Errorf("parse(%q) = %#v", c.in, got)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("parse(%q)[%d] = %#v, want %#v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

func TestPluralsAndFormats(t *testing.T) {
	l := Default().For("en")
	for _, c := range []struct{ got, want string }{
		{l.S("count.entries", "N", 1), "1 entry"},
		{l.S("count.entries", "N", 3), "3 entries"},
		{l.Date(ctbot.MustParseDate("2026-11-30")), "Mon 30 Nov 2026"},
		{l.ShortDate(ctbot.MustParseDate("2026-03-01")), "Sun 1 Mar"},
		{l.Int(1234567), "1,234,567"},
		{l.Number(2.25), "2.3"}, // halves round up, as in reports
		{l.Percent(31.25), "31.3%"},
		{l.Decimal(0.125), "0.13"},
		{l.Number(38.1), "38"},
		{l.Percent(26.666), "26.7%"},
		{l.Percent(20), "20%"},
		{l.S("list.or", "Init", "a, b", "Last", "c"), "a, b or c"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// idRE is what a message ID looks like in Go source: a string literal of
// dotted lower-case words whose first word is a table of the catalogue.
var idRE = regexp.MustCompile(`^[a-z_]+(\.[a-z0-9_]+)+$`)

// TestEveryMessageIDInTheCodeIsInTheCatalogue reads every Go file of the
// module and checks each string literal that looks like a message ID:
// the whole ID, or for IDs built at run time ("help." + name) the prefix.
func TestEveryMessageIDInTheCodeIsInTheCatalogue(t *testing.T) {
	ids := Default().IDs(Source)
	tables := map[string]bool{}
	for id := range ids {
		tables[strings.SplitN(id, ".", 2)[0]] = true
	}
	hasPrefix := func(p string) bool {
		for id := range ids {
			if strings.HasPrefix(id, p) {
				return true
			}
		}
		return false
	}
	checked := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			switch {
			case strings.HasSuffix(s, ".") && tables[strings.SplitN(s, ".", 2)[0]]:
				checked++
				if !hasPrefix(s) {
					t.Errorf("%s: no message starts with %q", path, s)
				}
			case idRE.MatchString(s) && tables[strings.SplitN(s, ".", 2)[0]]:
				checked++
				if !ids[s] && !hasPrefix(s+".") {
					t.Errorf("%s: message %q is not in catalog/%s.toml", path, s, Source)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 200 {
		t.Errorf("only %d message IDs found in the code; the scan is broken", checked)
	}
}
