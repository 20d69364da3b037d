package locale

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// markers are the markup characters of a message template and their styles.
var markers = map[rune]reply.Style{'*': reply.Bold, '_': reply.Italic, '~': reply.Strike, '`': reply.Code}

// part is a piece of a compiled message: literal text in a style, or the
// argument it stands for (Arg >= 0), in the style around it.
type part struct {
	Span reply.Span
	Arg  int
}

// parse reads the markup of a template's output s into spans, splicing in
// args where their sentinels are.
func parse(s string, args []reply.Inline) reply.Inline {
	return render(compile(s), args, false, false)
}

// Directional marks of a right-to-left message (mark set in render).
const (
	rlm = "\u200f" // right-to-left mark: a line's base direction
	lri = "\u2066" // left-to-right isolate: a code span
	fsi = "\u2068" // first-strong isolate: an argument
	pdi = "\u2069" // pop directional isolate
)

// render splices args into compiled parts. With isolated (a right-to-left
// language), each argument outside code is wrapped in Unicode isolates
// (FSI … PDI), so that a code, a number or "#42" inside Arabic keeps its
// own direction; inside code they would be copied with the command. A
// "#" just before an argument (an entry's ID) goes inside with it. Every
// argument's directional controls are balanced (ctbot.BidiBalancer):
// people's text stored before ctbot balanced it cannot close those
// isolates early, nor turn the direction of the rest of the message.
//
// With mark (a right-to-left message written for reading, not a label),
// every line of the message's own text starts with a right-to-left mark,
// in the style of what starts the line, so a line that begins with an
// isolated name still reads right to left; and each run of code sits in a
// left-to-right isolate outside its backticks, so "/ct status" reads and
// copies as written.
func render(parts []part, args []reply.Inline, isolated, mark bool) reply.Inline {
	n := len(parts) + 4
	for _, a := range args {
		n += len(a)
	}
	w := writer{out: make(reply.Inline, 0, n), mark: mark, due: mark}
	for _, p := range parts {
		if p.Arg >= len(args) {
			continue
		}
		if p.Arg < 0 {
			w.literal(p.Span)
			continue
		}
		wrap := isolated && p.Span.Style&reply.Code == 0 && len(args[p.Arg]) > 0
		if wrap {
			// "#" before an ID goes inside, with it: "#42" stays whole.
			out := w.out
			hash := len(out) > 0 && strings.HasSuffix(out[len(out)-1].Text, "#") && out[len(out)-1].Style == p.Span.Style
			if hash {
				out[len(out)-1].Text = strings.TrimSuffix(out[len(out)-1].Text, "#")
			}
			w.add(reply.Span{Text: fsi, Style: p.Span.Style})
			if hash {
				w.add(reply.Span{Text: "#", Style: p.Span.Style})
			}
		}
		var bidi ctbot.BidiBalancer
		for _, s := range args[p.Arg] {
			s.Style |= p.Span.Style
			s.Text = bidi.Write(s.Text)
			w.add(s)
		}
		if closers := bidi.Close(); closers != "" {
			w.add(reply.Span{Text: closers, Style: p.Span.Style})
		}
		if wrap {
			w.add(reply.Span{Text: pdi, Style: p.Span.Style})
		}
	}
	w.code(0)
	return w.out
}

// writer builds a rendered message, adding a right-to-left message's marks.
type writer struct {
	out    reply.Inline
	mark   bool        // add marks
	due    bool        // a line starts: its mark goes before the next text
	inCode bool        // a code run's isolate is open
	style  reply.Style // the style around that isolate
}

// code opens a left-to-right isolate before a run of code and closes it
// after, outside the backticks, for a span in style st. A run that a
// message inside this one has isolated already is left as it is.
func (w *writer) code(st reply.Style) {
	if !w.mark {
		return
	}
	if st&reply.Code == 0 {
		if w.inCode {
			w.out = append(w.out, reply.Span{Text: pdi, Style: w.style})
			w.inCode = false
		}
		return
	}
	if n := len(w.out); w.inCode || n > 0 && (w.out[n-1].Style&reply.Code != 0 || strings.HasSuffix(w.out[n-1].Text, lri)) {
		return
	}
	w.style = st &^ reply.Code
	if w.due {
		w.out = append(w.out, reply.Span{Text: rlm, Style: w.style})
		w.due = false
	}
	w.out = append(w.out, reply.Span{Text: lri, Style: w.style})
	w.inCode = true
}

// literal adds the message's own text; each line it starts gets its mark.
func (w *writer) literal(s reply.Span) {
	if w.mark && strings.Contains(s.Text, "\n") {
		s.Text = strings.ReplaceAll(s.Text, "\n", "\n"+rlm)
		if strings.HasSuffix(s.Text, rlm) {
			// The next text (maybe in another style) takes the mark.
			s.Text = strings.TrimSuffix(s.Text, rlm)
			w.add(s)
			w.due = true
			return
		}
	}
	w.add(s)
}

// add appends s, with the mark of the line it starts and the isolate of
// the code it starts or ends.
func (w *writer) add(s reply.Span) {
	w.code(s.Style)
	if w.due && s.Text != "" {
		if s.Kind == reply.KindText {
			s.Text = rlm + s.Text
		} else {
			w.out = append(w.out, reply.Span{Text: rlm, Style: s.Style})
		}
		w.due = false
	}
	w.out = append(w.out, s)
}

// compile reads the markup of s into parts. A marker opens a style only
// after a non-word character and when a closing marker follows on the
// same line (so "a_b" and a lone "*" stay text); inside `code`, no other
// marker counts. Sentinels stand for arguments.
func compile(s string) []part {
	var out []part
	var cur strings.Builder
	style := reply.Style(0)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, part{Span: reply.Span{Text: cur.String(), Style: style}, Arg: -1})
			cur.Reset()
		}
	}
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\uE000' {
			end := strings.IndexRune(s[i:], '\uE001')
			if n, err := strconv.Atoi(s[i+w : i+end]); end > 0 && err == nil {
				flush()
				out = append(out, part{Span: reply.Span{Style: style}, Arg: n})
				i += end + len("\uE001")
				prev = 'x' // an argument ends like a word
				continue
			}
		}
		if st, ok := markers[r]; ok && (style&reply.Code == 0 || st == reply.Code) {
			switch {
			case style&st != 0 && !unicode.IsSpace(prev):
				flush()
				style &^= st
				i += w
				prev = r
				continue
			case style&st == 0 && !isWord(prev) && closes(s[i+w:], r):
				flush()
				style |= st
				i += w
				prev = r
				continue
			}
		}
		cur.WriteRune(r)
		prev = r
		i += w
	}
	flush()
	return out
}

// closes reports whether rest (what follows an opening marker m) starts
// with a non-space and holds a closing m on the same line: after a
// non-space and before a non-word character.
func closes(rest string, m rune) bool {
	first, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || unicode.IsSpace(first) {
		return false
	}
	prev := rune(0)
	for i, r := range rest {
		if r == '\n' {
			return false
		}
		if r == m && i > 0 && !unicode.IsSpace(prev) {
			next, _ := utf8.DecodeRuneInString(rest[i+utf8.RuneLen(r):])
			if !isWord(next) {
				return true
			}
		}
		prev = r
	}
	return false
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
