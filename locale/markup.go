package locale

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cttechplus/ctbot/reply"
)

// markers are the markup characters of a message template and their styles.
var markers = map[rune]reply.Style{'*': reply.Bold, '_': reply.Italic, '~': reply.Strike, '`': reply.Code}

// parse reads the markup of a template's output s into spans, splicing in
// args where their sentinels are. A marker opens a style only after a
// non-word character and when a closing marker follows on the same line
// (so "a_b" and a lone "*" stay text); inside `code`, no other marker counts.
func parse(s string, args []reply.Inline) reply.Inline {
	var out reply.Inline
	var cur strings.Builder
	style := reply.Style(0)
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, reply.Span{Text: cur.String(), Style: style})
			cur.Reset()
		}
	}
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\uE000' {
			end := strings.IndexRune(s[i:], '\uE001')
			if n, err := strconv.Atoi(s[i+w : i+end]); end > 0 && err == nil && n < len(args) {
				flush()
				out = append(out, args[n].With(style)...)
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
