package bot

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/reply"
)

// Split divides d into parts that are each posted as one message, within
// Block Kit's limits: long text is split (at line breaks, then spaces,
// never inside a word's character or an escape), never cut; a part holds
// at most one table.
func Split(d reply.Doc) []reply.Doc {
	var parts []reply.Doc
	for _, p := range split(d) {
		parts = append(parts, p.doc)
	}
	return parts
}

// part is one message of a split document, with its blocks and their JSON
// when they were rendered to measure it (nil: render it).
type part struct {
	doc    reply.Doc
	blocks []slack.Block
	raw    json.RawMessage
}

// split is Split, keeping the blocks of a document that fits one message:
// rendered and measured once, as almost every reply is.
func split(d reply.Doc) []part {
	x := expand(d)
	whole := make(reply.Doc, 0, len(x))
	tables := 0
	for _, b := range x {
		switch b.(type) {
		case reply.Image:
			continue
		case reply.Divider:
			if len(whole) == 0 {
				continue
			}
		case reply.Table:
			tables++
		}
		whole = append(whole, b)
	}
	for len(whole) > 0 {
		if _, ok := whole[len(whole)-1].(reply.Divider); !ok {
			break
		}
		whole = whole[:len(whole)-1]
	}
	if len(whole) == 0 {
		return nil
	}
	if tables <= 1 {
		var bs []slack.Block
		for i, b := range whole {
			bs = append(bs, blocks(b, i)...)
		}
		if raw, err := json.Marshal(bs); err == nil && len(bs) <= maxMessageBlocks && len(raw) <= maxMessageChars {
			return []part{{doc: whole, blocks: bs, raw: raw}}
		}
	}
	var parts []part
	var cur reply.Doc
	nBlocks, chars, table := 0, 0, false
	flush := func() {
		for len(cur) > 0 {
			if _, ok := cur[len(cur)-1].(reply.Divider); !ok {
				break
			}
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			parts = append(parts, part{doc: cur})
		}
		cur, nBlocks, chars, table = nil, 0, 0, false
	}
	for _, b := range whole {
		if _, ok := b.(reply.Divider); ok && len(cur) == 0 {
			continue
		}
		bs := blocks(b, 0)
		c := 0
		for _, sb := range bs {
			c += blockChars(sb)
		}
		_, isTable := b.(reply.Table)
		if len(cur) > 0 && (nBlocks+len(bs) > maxMessageBlocks || chars+c > maxMessageChars || isTable && table) {
			flush()
		}
		cur = append(cur, b)
		nBlocks, chars, table = nBlocks+len(bs), chars+c, table || isTable
	}
	flush()
	return parts
}

// expand breaks every block too long for one Block Kit block into several.
func expand(d reply.Doc) reply.Doc {
	var out reply.Doc
	for _, b := range d {
		switch b := b.(type) {
		case reply.Para:
			for _, t := range splitInline(b.Text, maxSectionText) {
				out = append(out, reply.Para{Text: t})
			}
		case reply.Note:
			for _, t := range splitInline(b.Text, maxContextText) {
				out = append(out, reply.Note{Text: t})
			}
		case reply.List:
			out = append(out, splitList(b)...)
		case reply.Fields:
			for i := range b.Items {
				b.Items[i].Value = splitInline(b.Items[i].Value, maxFieldText-b.Items[i].Label.Len()-8)[0]
			}
			out = append(out, b)
		case reply.Table:
			out = append(out, splitTable(b)...)
		default:
			out = append(out, b)
		}
	}
	return out
}

// splitList splits a list into lists that each fit a section; an item too
// long for a section of its own becomes paragraphs.
func splitList(l reply.List) reply.Doc {
	if len(mrkdwn(listText(l))) <= maxSectionText {
		return reply.Doc{l}
	}
	var out reply.Doc
	cur := reply.List{Title: l.Title}
	for _, it := range l.Items {
		next := cur
		next.Items = append(append([]reply.Inline(nil), cur.Items...), it)
		if len(mrkdwn(listText(next))) <= maxSectionText {
			cur = next
			continue
		}
		if len(cur.Items) > 0 || !cur.Title.Empty() {
			out = append(out, cur)
		}
		cur = reply.List{Items: []reply.Inline{it}}
		if len(mrkdwn(listText(cur))) > maxSectionText {
			for _, t := range splitInline(reply.Plain("• ").Append(it), maxSectionText) {
				out = append(out, reply.Para{Text: t})
			}
			cur = reply.List{}
		}
	}
	if len(cur.Items) > 0 {
		out = append(out, cur)
	}
	return out
}

// splitTable keeps tables within Slack's limits: too many rows, or too
// much text (Slack refuses a table of about 10,000 characters), make
// several tables, each but the last ending in a row of ⋮ (the rows
// continue in the next, under the same titles); a row too long for a
// table of its own has its cells cut, with "…". Too many columns make a
// block of aligned text.
func splitTable(t reply.Table) reply.Doc {
	if len(t.Columns) > maxTableCols {
		var out reply.Doc
		for _, line := range splitInline(reply.Styled(reply.TableText(t), reply.Code), maxSectionText) {
			out = append(out, reply.Para{Text: line})
		}
		return out
	}
	more := make([]reply.Inline, len(t.Columns))
	for i := range more {
		more[i] = reply.Plain("⋮")
	}
	empty := blockChars(tableBlock(reply.Table{Columns: t.Columns, Rows: [][]reply.Inline{more}}))
	var out reply.Doc
	var cur [][]reply.Inline
	size := empty
	for _, r := range t.Rows {
		n, whole := rowChars(r), r
		for limit := (maxTableChars - empty) / max(len(t.Columns), 1); n > maxTableChars-empty && limit > 1; limit /= 2 {
			r = cutRow(whole, limit)
			n = rowChars(r)
		}
		if len(cur) > 0 && (len(cur) == maxTableRows-2 || size+n > maxTableChars) {
			out = append(out, reply.Table{Columns: t.Columns, Rows: append(cur, more)})
			cur, size = nil, empty
		}
		cur, size = append(cur, r), size+n
	}
	return append(out, reply.Table{Columns: t.Columns, Rows: cur})
}

// rowChars is a table row's share of its table's size as sent.
func rowChars(r []reply.Inline) int {
	n := 0
	for _, c := range r {
		raw, _ := json.Marshal(reply.PlainText(c))
		n += len(raw) + len(`{"type":"raw_text","text":},`)
	}
	return n + len(`[],`)
}

// cutRow cuts each cell of r to at most limit bytes of text.
func cutRow(r []reply.Inline, limit int) []reply.Inline {
	out := make([]reply.Inline, len(r))
	for i, c := range r {
		out[i] = reply.Plain(truncate(reply.PlainText(c), limit))
	}
	return out
}

// splitInline splits t into pieces whose mrkdwn is at most limit bytes.
// Pieces end at a line break where one is near, else at a space, else at a
// character boundary; the text is split before it is escaped, so an
// escape is never cut, and mentions and links are never split.
func splitInline(t reply.Inline, limit int) []reply.Inline {
	var out []reply.Inline
	for len(mrkdwn(t)) > limit {
		n := fitPrefix(t, limit)
		text := t.String()[:n]
		if i := strings.LastIndexByte(text, '\n'); i > n/2 {
			n = i + 1
		} else if i := strings.LastIndexByte(text, ' '); i > n/2 {
			n = i + 1
		}
		head, tail := cutInline(t, n)
		if len(head) == 0 { // an atomic span longer than limit: keep it whole
			head, tail = t[:1], t[1:]
		}
		out = append(out, head)
		t = trimLeft(tail)
	}
	if !t.Empty() || len(out) == 0 {
		out = append(out, t)
	}
	return out
}

// fitPrefix is the longest prefix of t's text, on a character boundary,
// whose mrkdwn fits limit.
func fitPrefix(t reply.Inline, limit int) int {
	s := t.String()
	lo, hi := 0, len(s)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		for mid > lo && mid < len(s) && !utf8.RuneStart(s[mid]) {
			mid--
		}
		if mid == lo {
			break
		}
		head, _ := cutInline(t, mid)
		if len(mrkdwn(head)) <= limit {
			lo = mid
		} else {
			hi = mid - 1
			for hi > lo && hi < len(s) && !utf8.RuneStart(s[hi]) {
				hi--
			}
		}
	}
	return max(lo, 1)
}

// cutInline splits t after n bytes of its text; a mention or link that n
// falls inside goes wholly to the tail.
func cutInline(t reply.Inline, n int) (head, tail reply.Inline) {
	for i, s := range t {
		if n <= 0 {
			return head, append(tail, t[i:]...)
		}
		if n >= len(s.Text) {
			head = append(head, s)
			n -= len(s.Text)
			continue
		}
		if s.Kind != reply.KindText {
			return head, append(tail, t[i:]...)
		}
		a, b := s, s
		a.Text, b.Text = s.Text[:n], s.Text[n:]
		head = append(head, a)
		return head, append(append(tail, b), t[i+1:]...)
	}
	return head, tail
}

func trimLeft(t reply.Inline) reply.Inline {
	for len(t) > 0 && t[0].Kind == reply.KindText {
		s := strings.TrimLeft(t[0].Text, " \n")
		if s != "" {
			t = append(reply.Inline{{Text: s, Style: t[0].Style}}, t[1:]...)
			break
		}
		t = t[1:]
	}
	return t
}

// Render is one part of a document as Block Kit blocks with its plain-text
// fallback (escaped: Slack reads the top-level text as mrkdwn too).
func Render(part reply.Doc) (text string, bs []slack.Block) {
	for i, b := range part {
		bs = append(bs, blocks(b, i)...)
	}
	return fallback(part), bs
}

// fallback is the text Slack shows in notifications and old clients:
// escaped, and no character of people's text in it formats.
func fallback(d reply.Doc) string {
	s := strings.TrimSpace(reply.Text(literalDoc(d)))
	if s == "" {
		s = " "
	}
	return escape(truncate(s, maxFallback))
}

// viewBlocks renders a document for a view (App Home, modal), within its
// 100 blocks; more becomes a closing note pointing to the full answer.
func viewBlocks(d reply.Doc, more string) []slack.Block {
	var out []slack.Block
	for i, b := range expand(d) {
		if t, ok := b.(reply.Table); ok {
			// Views have no table block: the table as aligned text.
			for _, line := range splitInline(reply.Styled(reply.TableText(t), reply.Code), maxSectionText) {
				out = append(out, blocks(reply.Para{Text: line}, i)...)
			}
			continue
		}
		out = append(out, blocks(b, i)...)
	}
	if len(out) > maxViewBlocks {
		out = append(out[:maxViewBlocks-1], slack.NewContextBlock("", mrkdwnText(escape(more))))
	}
	return out
}
