package commands

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

func TestSplitTextNeverCutsAndRespectsTheLimit(t *testing.T) {
	var lines []string
	for i := range 200 {
		lines = append(lines, strings.Repeat("é", i%40)+" line")
	}
	long := strings.Join(lines, "\n")
	parts := SplitText(long, 300)
	if len(parts) < 2 {
		t.Fatalf("not split: %d parts", len(parts))
	}
	for _, p := range parts {
		if len(p) > 300 || !utf8.ValidString(p) {
			t.Errorf("part of %d bytes, valid UTF-8 %v", len(p), utf8.ValidString(p))
		}
	}
	if got := strings.Join(parts, "\n"); got != long {
		t.Errorf("joined parts differ from the input")
	}
	// A single word longer than the limit is split inside the word, on rune boundaries.
	word := strings.Repeat("ü", 400)
	parts = SplitText(word, 301)
	if strings.Join(parts, "") != word {
		t.Errorf("long word lost characters")
	}
	for _, p := range parts {
		if !utf8.ValidString(p) || len(p) > 301 {
			t.Errorf("bad part %d bytes", len(p))
		}
	}
}

func TestBlocksRespectBlockKitLimits(t *testing.T) {
	r := Reply{Sections: []Section{
		{Header: strings.Repeat("h", 200), Text: strings.Repeat("a line of status text\n", 400), Context: "small print"},
		{Text: "second", Divider: true},
	}}
	blocks := r.Blocks()
	var sections, headers, dividers, contexts int
	var text strings.Builder
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			sections++
			if len(b.Text.Text) > MaxSectionText {
				t.Errorf("section of %d chars", len(b.Text.Text))
			}
			text.WriteString(b.Text.Text + "\n")
		case *slack.HeaderBlock:
			headers++
			if len(b.Text.Text) > MaxHeaderText {
				t.Errorf("header of %d chars", len(b.Text.Text))
			}
		case *slack.DividerBlock:
			dividers++
		case *slack.ContextBlock:
			contexts++
		}
	}
	if headers != 1 || dividers != 1 || contexts != 1 || sections < 4 {
		t.Errorf("headers %d dividers %d contexts %d sections %d", headers, dividers, contexts, sections)
	}
	if got := strings.Count(text.String(), "a line of status text"); got != 400 {
		t.Errorf("%d of 400 lines survived the split", got)
	}
}

func TestPlain(t *testing.T) {
	got := Plain(":warning: <@U123> said &lt;hi&gt; &amp; <https://x.org|the site>")
	if got != "⚠️ @U123 said <hi> & the site (https://x.org)" {
		t.Errorf("Plain = %q", got)
	}
}
