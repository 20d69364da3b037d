package bot

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

func TestSplitInlineNeverCutsAnEscapeAndRespectsTheLimit(t *testing.T) {
	var lines []string
	for i := range 200 {
		lines = append(lines, strings.Repeat("é", i%40)+" line & <b>")
	}
	long := strings.Join(lines, "\n")
	for _, in := range []reply.Inline{
		reply.Plain(long),
		reply.Plain(strings.Repeat("&", 5000)),              // every character an escape, no spaces
		reply.Styled(strings.Repeat("ü", 4000), reply.Bold), // one styled word
		reply.Plain("a ").Append(reply.User("U123ABC"), reply.Plain(strings.Repeat("<x> ", 2000))),
	} {
		parts := splitInline(in, 300)
		if len(parts) < 2 {
			t.Fatalf("not split: %d parts", len(parts))
		}
		var plain strings.Builder
		for _, p := range parts {
			m := mrkdwn(p)
			if len(m) > 300 || !utf8.ValidString(m) {
				t.Errorf("part of %d bytes, valid UTF-8 %v", len(m), utf8.ValidString(m))
			}
			if bad := strayControl(m); bad != "" {
				t.Errorf("part has a cut or stray control character: %q", bad)
			}
			plain.WriteString(p.String())
		}
		// Nothing is lost but the spaces and line breaks at the cuts.
		squash := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
		if squash(plain.String()) != squash(in.String()) {
			t.Errorf("joined parts differ from the input")
		}
	}
}

// mentionTokenRE is the one Slack token ctbot's own text contains: a
// user mention it made itself.
var mentionTokenRE = regexp.MustCompile(`^<@[UWB][A-Z0-9]{2,20}>$`)

// strayControl returns the first &, < or > in mrkdwn that is not an
// escape or a mention, or "".
func strayControl(m string) string {
	rest := m
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '&':
			if !strings.HasPrefix(rest[i:], "&amp;") && !strings.HasPrefix(rest[i:], "&lt;") && !strings.HasPrefix(rest[i:], "&gt;") {
				return rest[i:min(i+10, len(rest))]
			}
		case '<':
			j := strings.IndexByte(rest[i:], '>')
			if j < 0 || !mentionTokenRE.MatchString(rest[i:i+j+1]) {
				return rest[i:min(i+10, len(rest))]
			}
			i += j
		case '>':
			return rest[i:min(i+10, len(rest))]
		}
	}
	return ""
}

func TestSplitRespectsBlockKitLimits(t *testing.T) {
	doc := reply.Doc{
		reply.Heading{Text: reply.Plain(strings.Repeat("h", 200))},
		reply.Para{Text: reply.Plain(strings.Repeat("a line of status text\n", 4000))},
		reply.Note{Text: reply.Plain("small print")},
		reply.Divider{},
		reply.Para{Text: reply.Plain("second")},
	}
	parts := Split(doc)
	if len(parts) < 2 {
		t.Fatalf("%d parts, want several", len(parts))
	}
	var text strings.Builder
	headers, sections := 0, 0
	for _, p := range parts {
		_, bs := Render(p)
		if len(bs) > maxMessageBlocks {
			t.Errorf("message of %d blocks", len(bs))
		}
		chars := 0
		for _, b := range bs {
			chars += blockChars(b)
			switch b := b.(type) {
			case *slack.SectionBlock:
				sections++
				if len(b.Text.Text) > maxSectionText {
					t.Errorf("section of %d chars", len(b.Text.Text))
				}
				text.WriteString(b.Text.Text + "\n")
			case *slack.HeaderBlock:
				headers++
				if len(b.Text.Text) > maxHeaderText {
					t.Errorf("header of %d chars", len(b.Text.Text))
				}
			}
		}
		if chars > maxMessageChars {
			t.Errorf("message of %d chars", chars)
		}
	}
	if headers != 1 || sections < 30 {
		t.Errorf("headers %d sections %d", headers, sections)
	}
	if got := strings.Count(text.String(), "a line of status text"); got != 4000 {
		t.Errorf("%d of 4000 lines survived the split", got)
	}
}

func TestMrkdwnEscapesTextAndHugsMarkers(t *testing.T) {
	for _, c := range []struct {
		in   reply.Inline
		want string
	}{
		{reply.Plain("<!channel> & <https://x|y>"), "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"},
		{reply.Styled(" Kenya & co ", reply.Bold), " *Kenya &amp; co* "},
		{reply.Styled("a\nb", reply.Bold|reply.Code), "*`a`*\n*`b`*"},
		{reply.Styled("x`y", reply.Code), "`xˋy`"},
		{reply.Plain("by ").Append(reply.User("U12AB")), "by <@U12AB>"},
		{reply.User("<!here>"), "@&lt;!here&gt;"},
		{reply.Link("https://ex.org/a?b=1&c=2", "Gazette <45>"), "<https://ex.org/a?b=1&amp;c=2|Gazette &lt;45&gt;>"},
		{reply.Link("javascript:alert(1)", "x"), "x"},
	} {
		if got := mrkdwn(c.in); got != c.want {
			t.Errorf("mrkdwn(%q) = %q, want %q", c.in.String(), got, c.want)
		}
	}
}

func TestSplitKeepsOneTablePerMessage(t *testing.T) {
	table := reply.Table{Columns: []reply.Column{{Title: reply.Plain("state")}, {Title: reply.Plain("n"), Numeric: true}}}
	for i := range 250 {
		table.Rows = append(table.Rows, []reply.Inline{reply.Plain("row"), reply.Plain(strings.Repeat("9", i%5+1))})
	}
	parts := Split(reply.Doc{table, table})
	rows := 0
	for _, p := range parts {
		tables := 0
		for _, b := range p {
			if tb, ok := b.(reply.Table); ok {
				tables++
				for _, r := range tb.Rows {
					if r[0].String() != "⋮" {
						rows++
					}
				}
				if len(tb.Rows)+1 > maxTableRows {
					t.Errorf("table of %d rows", len(tb.Rows)+1)
				}
			}
		}
		if tables > 1 {
			t.Errorf("a message with %d tables", tables)
		}
	}
	if rows != 500 {
		t.Errorf("%d of 500 rows kept", rows)
	}
}

// TestMessageJSONWithMeasuredBlocks checks that a message whose blocks were
// kept as JSON when measured encodes to the same JSON as the message
// encoded field by field, escapes and all.
func TestMessageJSONWithMeasuredBlocks(t *testing.T) {
	doc := reply.Doc{
		reply.Heading{Text: reply.Plain(`Kenya <b> & "quotes" — état`)},
		reply.Para{Text: reply.Plain("a\tline\nwith <!channel> & \u2028 odd characters")},
		reply.List{Items: []reply.Inline{reply.Plain("one"), reply.Plain("two & <three>")}},
	}
	for _, public := range []bool{false, true} {
		ms := messages(commands.Reply{Doc: doc, Public: public})
		if len(ms) != 1 || ms[0].rawBlocks == nil {
			t.Fatalf("%d messages, raw blocks %v: want one, measured", len(ms), ms[0].rawBlocks != nil)
		}
		m := ms[0]
		m.ReplaceOriginal = public
		got, err := m.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		type plain message
		want, err := json.Marshal(plain(m))
		if err != nil {
			t.Fatal(err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("invalid JSON %s: %v", got, err)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("encoded\n%s\nwant\n%s", got, want)
		}
	}
}

// Views (App Home, modals) have no table block: a table shows as aligned
// text there.
func TestTablesInViewsAreAlignedText(t *testing.T) {
	d := reply.Doc{reply.Table{Columns: []reply.Column{{Title: reply.Plain("State")}, {Title: reply.Plain("policy"), Numeric: true}},
		Rows: [][]reply.Inline{{reply.Plain("Nigeria"), reply.Plain("2 ↑")}, {reply.Plain("<!channel>"), reply.Plain("1")}}}}
	raw, err := json.Marshal(viewBlocks(d, "more"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if strings.Contains(text, `"type":"table"`) {
		t.Errorf("a view holds a table block: %s", text)
	}
	for _, want := range []string{"`Nigeria        2 ↑`", `\u0026lt;!channel\u0026gt;`} {
		if !strings.Contains(text, want) {
			t.Errorf("view lacks %q: %s", want, text)
		}
	}
}

// A table with more text than Slack takes in one table block is split
// into tables under the same titles, each but the last saying the rows
// continue; a row too long for a table of its own is cut, with "…".
func TestLongTableIsSplitSayingRowsContinue(t *testing.T) {
	cols := []reply.Column{{Title: reply.Plain("State")}, {Title: reply.Plain("Note")}, {Title: reply.Plain("n"), Numeric: true}}
	table := reply.Table{Columns: cols}
	for i := range 60 {
		table.Rows = append(table.Rows, []reply.Inline{reply.Plain(fmt.Sprint("row ", i)), reply.Plain(strings.Repeat("words & <more> ", 30)), reply.Plain("7")})
	}
	table.Rows = append(table.Rows, []reply.Inline{reply.Plain("huge"), reply.Plain(strings.Repeat("x", 30000)), reply.Plain("1")})
	parts := Split(reply.Doc{reply.Para{Text: reply.Plain("before")}, table})
	var seen []string
	for i, p := range parts {
		for _, b := range p {
			tb, ok := b.(reply.Table)
			if !ok {
				continue
			}
			if n := blockChars(tableBlock(tb)); n > maxTableChars {
				t.Errorf("part %d: a table of %d characters", i, n)
			}
			last := tb.Rows[len(tb.Rows)-1][0].String()
			if (last == "⋮") != (i < len(parts)-1) {
				t.Errorf("part %d of %d ends with %q", i, len(parts), last)
			}
			for _, r := range tb.Rows {
				if r[0].String() != "⋮" {
					seen = append(seen, r[0].String())
				}
				if r[0].String() == "huge" && !strings.HasSuffix(r[1].String(), "…") {
					t.Error("the huge cell was not cut with …")
				}
			}
		}
	}
	if len(parts) < 4 || len(seen) != 61 || seen[0] != "row 0" || seen[59] != "row 59" || seen[60] != "huge" {
		t.Errorf("%d parts, rows %d: %v", len(parts), len(seen), seen)
	}
}
