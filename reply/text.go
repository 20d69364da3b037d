package reply

import (
	"strings"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
)

// Text renders d as plain text for a terminal or a log: no markup, user
// mentions as @ID, links as "label (URL)", tables as aligned columns.
// Buttons are left out: where they are shown, the text around them says
// how to do the same by typing. No control character reaches the
// terminal, whatever the data holds (ctbot.Printable): text stored before
// ctbot checked it may hold an ESC sequence.
func Text(d Doc) string {
	var parts []string
	for _, b := range d {
		var s string
		switch b := b.(type) {
		case Heading:
			s = PlainText(b.Text)
		case Para:
			s = PlainText(b.Text)
		case Note:
			s = PlainText(b.Text)
		case List:
			var lines []string
			if !b.Title.Empty() {
				lines = append(lines, PlainText(b.Title))
			}
			for _, it := range b.Items {
				lines = append(lines, "• "+PlainText(it))
			}
			s = strings.Join(lines, "\n")
		case Fields:
			var lines []string
			for _, f := range b.Items {
				lines = append(lines, PlainText(f.Label)+": "+PlainText(f.Value))
			}
			s = strings.Join(lines, "\n")
		case Table:
			s = TableText(b)
		case Image:
			s = "(" + b.Title + ": " + b.Alt + ")"
		case Divider, Actions:
		}
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return ctbot.Printable(strings.Join(parts, "\n\n"))
}

// PlainText is t without styles: mentions as @ID, links as "label (URL)"
// unless the label is the URL.
func PlainText(t Inline) string {
	var b strings.Builder
	for _, s := range t {
		switch {
		case s.Kind == KindLink && s.Text != s.Ref:
			b.WriteString(s.Text + " (" + s.Ref + ")")
		case s.Style&Code != 0 && s.Kind == KindText:
			b.WriteString("`" + s.Text + "`")
		default:
			b.WriteString(s.Text)
		}
	}
	return mergeBackticks(b.String())
}

// mergeBackticks joins adjacent code spans ("`a“b`" → "`ab`") that the
// span-by-span rendering splits.
func mergeBackticks(s string) string { return strings.ReplaceAll(s, "``", "") }

// TableText lays a table out in aligned columns; numeric columns are
// aligned right.
func TableText(t Table) string {
	rows := make([][]string, 0, len(t.Rows)+1)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = PlainText(c.Title)
	}
	rows = append(rows, head)
	for _, r := range t.Rows {
		row := make([]string, len(t.Columns))
		for i := range t.Columns {
			if i < len(r) {
				row[i] = strings.ReplaceAll(PlainText(r[i]), "\n", " ")
			}
		}
		rows = append(rows, row)
	}
	width := make([]int, len(t.Columns))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for n, r := range rows {
		var cells []string
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if t.Columns[i].Numeric && n > 0 {
				cells = append(cells, pad+c)
			} else {
				cells = append(cells, c+pad)
			}
		}
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " ") + "\n")
	}
	return b.String()
}
