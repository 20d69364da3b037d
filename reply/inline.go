// Package reply is ctbot's transport-neutral answer: a small document
// model (headings, paragraphs, lists, key figures, tables, small print and
// buttons by intent) whose text is structured rather than marked up. User
// and configuration text is always a literal span, so no transport can ever
// read it as markup: Slack (package bot) renders the model as Block Kit and
// escapes every span, the console renders it as plain text.
package reply

import (
	"regexp"
	"strings"
)

// Style is how a span of text is emphasised; styles combine.
type Style uint8

// Styles.
const (
	Bold Style = 1 << iota
	Italic
	Code
	Strike
)

// SpanKind says what a span is.
type SpanKind uint8

// Span kinds.
const (
	KindText SpanKind = iota // literal text
	KindUser                 // a Slack user, by ID, shown as a mention
	KindLink                 // a link ctbot makes (evidence): Ref is the URL, Text its label
)

// Span is a run of text with one style. Text is always literal: it is never
// interpreted as markup by any renderer.
type Span struct {
	Text  string
	Style Style
	Kind  SpanKind
	Ref   string // the user ID (KindUser) or URL (KindLink)
}

// Inline is a line of formatted text: a sequence of spans.
type Inline []Span

// Plain is s as one unstyled literal span (nil for "").
func Plain(s string) Inline {
	if s == "" {
		return nil
	}
	return Inline{{Text: s}}
}

// Styled is s as one literal span in style st.
func Styled(s string, st Style) Inline {
	if s == "" {
		return nil
	}
	return Inline{{Text: s, Style: st}}
}

// userIDRE is what a Slack user ID looks like; anything else is shown as text.
var userIDRE = regexp.MustCompile(`^[UWB][A-Z0-9]{2,20}$`)

// User is a mention of the Slack user id. An ID that does not look like one
// is shown as literal text, so data can never smuggle a mention in; no ID
// is nothing (not a lone "@").
func User(id string) Inline {
	if id == "" {
		return nil
	}
	if !userIDRE.MatchString(id) {
		return Plain("@" + id)
	}
	return Inline{{Kind: KindUser, Ref: id, Text: "@" + id}}
}

// Link is a link to url labelled label. Only http and https URLs without
// spaces or angle brackets become links; anything else is shown as text.
func Link(url, label string) Inline {
	if label == "" {
		label = url
	}
	if !SafeURL(url) {
		return Plain(label)
	}
	return Inline{{Kind: KindLink, Ref: url, Text: label}}
}

// SafeURL reports whether url can be shown as a link: http(s), and none of
// the characters that end or split a link in any markup.
func SafeURL(url string) bool {
	lower := strings.ToLower(url)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") {
		return false
	}
	return !strings.ContainsAny(url, " \t\r\n<>|\"`")
}

// With returns t with style st added to every span.
func (t Inline) With(st Style) Inline {
	out := make(Inline, len(t))
	for i, s := range t {
		s.Style |= st
		out[i] = s
	}
	return out
}

// Append returns t followed by more.
func (t Inline) Append(more ...Inline) Inline {
	out := append(Inline(nil), t...)
	for _, m := range more {
		out = append(out, m...)
	}
	return out
}

// Join joins parts with sep between them, leaving out empty parts.
func Join(sep Inline, parts ...Inline) Inline {
	n := 0
	for _, p := range parts {
		n += len(p) + len(sep)
	}
	out := make(Inline, 0, n)
	first := true
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		if !first {
			out = append(out, sep...)
		}
		out = append(out, p...)
		first = false
	}
	return out
}

// Lines joins parts with line breaks.
func Lines(parts ...Inline) Inline { return Join(Plain("\n"), parts...) }

// String is t as plain text: mentions as @ID, links as their label.
func (t Inline) String() string {
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Empty reports whether t shows nothing.
func (t Inline) Empty() bool {
	for _, s := range t {
		if s.Text != "" || s.Kind != KindText {
			return false
		}
	}
	return true
}

// Len is the length of t's plain text in bytes.
func (t Inline) Len() int {
	n := 0
	for _, s := range t {
		n += len(s.Text)
	}
	return n
}
