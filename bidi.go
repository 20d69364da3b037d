package ctbot

import (
	"strings"
	"unicode/utf8"
)

// Directional controls (Unicode UAX #9): embeddings and overrides, closed
// by PDF, and isolates, closed by PDI.
const (
	lre, rle, pdf, lro, rlo = '\u202a', '\u202b', '\u202c', '\u202d', '\u202e'
	lri, rli, fsi, pdi      = '\u2066', '\u2067', '\u2068', '\u2069'
)

// bidiClass is what a character does to the directional controls open.
type bidiClass int

const (
	bidiNone      bidiClass = iota
	bidiOpen                // an embedding, override or isolate starts
	bidiClose               // PDF or PDI
	bidiSeparator           // a paragraph ends: everything open ends with it
)

func bidiKind(r rune) bidiClass {
	switch {
	case r >= lre && r <= rlo && r != pdf, r >= lri && r <= fsi:
		return bidiOpen
	case r == pdf || r == pdi:
		return bidiClose
	case r == '\n', r == '\r', r >= 0x1c && r <= 0x1e, r == 0x85, r == 0x2029:
		return bidiSeparator
	}
	return bidiNone
}

// isolate reports whether opener r starts an isolate (closed by PDI).
func isolate(r rune) bool { return r >= lri && r <= fsi }

// bidiMark is a directional control left open, and where it is (in
// characters from 1).
type bidiMark struct {
	r  rune
	at int
}

// bidiStack are the directional controls open, innermost last.
type bidiStack []bidiMark

// closeAt is the length of b once closer r is read, or -1 when r closes
// nothing: a PDI closes the innermost isolate open and whatever was opened
// in it; a PDF, the innermost embedding, if no isolate was opened since.
func (b bidiStack) closeAt(r rune) int {
	for i := len(b) - 1; i >= 0; i-- {
		switch {
		case r == pdi && isolate(b[i].r):
			return i
		case r == pdf:
			if isolate(b[i].r) {
				return -1
			}
			return i
		}
	}
	return -1
}

// closers are the controls that close the top n of b, innermost first.
func (b bidiStack) closers(n int) string {
	var out strings.Builder
	for i := len(b) - 1; i >= len(b)-n; i-- {
		if isolate(b[i].r) {
			out.WriteRune(pdi)
		} else {
			out.WriteRune(pdf)
		}
	}
	return out.String()
}

// unclosed is the error for the innermost control b leaves open.
func (b bidiStack) unclosed(field string) error {
	m := b[len(b)-1]
	return badChar(field, m.r, m.at)
}

// BidiBalancer balances the directional controls of a text read in pieces
// (a message argument's spans): a close with nothing open is left out,
// and what is left open is closed before each line break and at the end.
// Balanced text cannot end the isolates and embeddings around it early,
// nor turn the direction of what follows it. The zero value is ready.
type BidiBalancer struct{ open bidiStack }

// Write returns the next piece of the text, balanced so far. Bytes that
// are not UTF-8 come back as U+FFFD: left as they are, they could join
// what is around them into a control.
func (b *BidiBalancer) Write(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(b.open) == 0 && !hasBidi(s) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		piece := s[i : i+w]
		i += w
		switch bidiKind(r) {
		case bidiSeparator:
			out.WriteString(b.Close())
		case bidiOpen:
			b.open = append(b.open, bidiMark{r: r})
		case bidiClose:
			n := b.open.closeAt(r)
			if n < 0 {
				continue // a stray close
			}
			out.WriteString(b.open.closers(len(b.open) - n - 1)) // embeddings inside a closed isolate
			b.open = b.open[:n]
		}
		out.WriteString(piece)
	}
	return out.String()
}

// Close returns the controls that close what is open, and forgets them.
func (b *BidiBalancer) Close() string {
	s := b.open.closers(len(b.open))
	b.open = b.open[:0]
	return s
}

// BalanceBidi is s with its directional controls balanced: each close
// with nothing open left out, each open closed before the line ends (and
// bytes that are not UTF-8 as U+FFFD).
func BalanceBidi(s string) string {
	var b BidiBalancer
	return b.Write(s) + b.Close()
}

// hasBidi reports whether s holds a directional control (U+202A–U+202E,
// U+2066–U+2069: UTF-8 E2 80 AA–AE, E2 81 A6–A9).
func hasBidi(s string) bool {
	for i := strings.IndexByte(s, 0xe2); i >= 0 && i+2 < len(s); {
		b1, b2 := s[i+1], s[i+2]
		if b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae || b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9 {
			return true
		}
		j := strings.IndexByte(s[i+1:], 0xe2)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
