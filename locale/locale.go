// Package locale holds every word ctbot says, in message catalogues (one
// TOML file per language, github.com/nicksnyder/go-i18n/v2 for lookup and
// CLDR plural rules), and writes dates and numbers the local way.
//
// A message is a template with light markup (*bold*, _italic_, `code`,
// ~strike~) written by ctbot's authors and translators. Its arguments —
// user text, names from the configuration, numbers, dates, or text already
// built — are spliced in as literal spans after the markup is read, so an
// argument can never add markup, a mention or a link.
package locale

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

//go:embed catalog/*.toml
var catalogFiles embed.FS

// Source is the language every message is written in first; the others
// fall back to it.
const Source = "en"

// Catalog is the set of message catalogues. It is read-only after loading
// and safe for concurrent use.
type Catalog struct {
	bundle *i18n.Bundle
	langs  []string
	ids    map[string]map[string]bool // language -> message IDs
	mu     sync.Mutex
	locs   map[string]*Loc
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// Default is the catalogue built into ctbot.
func Default() *Catalog {
	defaultOnce.Do(func() {
		c, err := Load(catalogFiles)
		if err != nil {
			panic(fmt.Sprintf("locale: the built-in catalogues are invalid: %v", err))
		}
		defaultCat = c
	})
	return defaultCat
}

// Load reads catalog/*.toml from fsys, one file per language (en.toml, ...).
func Load(fsys fs.FS) (*Catalog, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(fsys, "catalog/*.toml")
	if err != nil {
		return nil, err
	}
	c := &Catalog{bundle: b, ids: map[string]map[string]bool{}, locs: map[string]*Loc{}}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		mf, err := b.ParseMessageFileBytes(data, n)
		if err != nil {
			return nil, fmt.Errorf("locale: %s: %w", n, err)
		}
		lang := strings.TrimSuffix(path.Base(n), ".toml")
		c.langs = append(c.langs, lang)
		c.ids[lang] = map[string]bool{}
		for _, m := range mf.Messages {
			c.ids[lang][m.ID] = true
		}
	}
	if c.ids[Source] == nil {
		return nil, fmt.Errorf("locale: no catalog/%s.toml", Source)
	}
	slices.Sort(c.langs)
	return c, nil
}

// Languages lists the languages with a catalogue, sorted.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Has reports whether lang has a catalogue.
func (c *Catalog) Has(lang string) bool { return c.ids[lang] != nil }

// IDs returns the message IDs of lang's catalogue.
func (c *Catalog) IDs(lang string) map[string]bool { return c.ids[lang] }

// For returns the localizer for lang; an unknown language gets the source
// language.
func (c *Catalog) For(lang string) *Loc {
	if !c.Has(lang) {
		lang = Source
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if l := c.locs[lang]; l != nil {
		return l
	}
	l := &Loc{cat: c, lang: lang, loc: i18n.NewLocalizer(c.bundle, lang), rtl: slices.Contains(rtlLanguages, lang)}
	c.locs[lang] = l
	return l
}

// Loc writes messages, dates and numbers in one language.
type Loc struct {
	cat   *Catalog
	lang  string
	loc   *i18n.Localizer
	cache sync.Map // compiled messages by tkey
	size  atomic.Int64
	dates sync.Map // long dates by ctbot.Date, at most maxDates
	ndate atomic.Int64
	rtl   bool // written right to left: arguments are isolated
}

// rtlLanguages are written right to left.
var rtlLanguages = []string{"ar", "fa", "he", "ur"}

// maxDates bounds the long dates a localizer keeps written.
const maxDates = 10000

// tkey names a compiled message: the template's output depends only on the
// message, the names of its arguments (their values are sentinels) and the
// count that chooses the plural form.
type tkey struct {
	id, names string
	count     int64
	counted   bool
}

// maxCompiled bounds the compiled messages a localizer keeps.
const maxCompiled = 50000

// Lang is the localizer's language code.
func (l *Loc) Lang() string { return l.lang }

// missing counts lookups of message IDs found in no catalogue.
var missing atomic.Int64

// Missed is how many lookups found no message; tests check it stays 0.
func Missed() int64 { return missing.Load() }

func missingMessage(id string) {
	missing.Add(1)
	slog.Error("locale: message not in the catalogue", "id", id)
}

// T is message id with its arguments, given as name, value pairs. Values
// may be strings (literal text), reply.Inline (text already built),
// integers and floats (written as local numbers), ctbot.Date (a local
// date) or fmt.Stringer. An integer argument named N also chooses the
// plural form. In a right-to-left language every line starts with a
// right-to-left mark and code is isolated left to right (see render).
func (l *Loc) T(id string, args ...any) reply.Inline { return l.message(id, l.rtl, args) }

// message is T, with the directional marks of a right-to-left language
// when mark is set.
func (l *Loc) message(id string, mark bool, args []any) reply.Inline {
	if len(args)%2 != 0 {
		panic("locale: T(" + id + "): arguments must be name, value pairs")
	}
	spliced := make([]reply.Inline, 0, len(args)/2)
	key := tkey{id: id}
	var names strings.Builder
	var count any
	for i := 0; i < len(args); i += 2 {
		name, _ := args[i].(string)
		v := args[i+1]
		if name == "N" {
			switch n := v.(type) {
			case int:
				count, key.count, key.counted = n, int64(n), true
			case int64:
				count, key.count, key.counted = n, n, true
			}
		}
		names.WriteString(name)
		names.WriteByte(0)
		spliced = append(spliced, l.value(v, mark))
	}
	key.names = names.String()
	if parts, ok := l.cache.Load(key); ok {
		return render(parts.([]part), spliced, l.rtl, mark && !punctuation(parts.([]part)))
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i < len(args); i += 2 {
		name, _ := args[i].(string)
		data[name] = sentinel(i / 2)
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if s == "" {
		missingMessage(id)
		return reply.Plain("[" + id + "]")
	}
	_ = err // a message missing in this language falls back to the source language
	parts := compile(s)
	if l.size.Add(1) <= maxCompiled {
		l.cache.Store(key, parts)
	}
	return render(parts, spliced, l.rtl, mark && !punctuation(parts))
}

// punctuation reports whether a message is punctuation and spaces alone
// (a list's separator, "، "): no line of its own, so no direction mark.
func punctuation(parts []part) bool {
	for _, p := range parts {
		if p.Arg >= 0 || strings.ContainsFunc(p.Span.Text, unicode.IsLetter) || strings.ContainsFunc(p.Span.Text, unicode.IsDigit) {
			return false
		}
	}
	return true
}

// S is T as plain text, for places that show text as written (button
// labels, form labels, headers) and for words and fragments used in other
// text (month names, separators, examples): it has no directional marks.
func (l *Loc) S(id string, args ...any) string {
	return reply.PlainText(l.message(id, false, args))
}

// value turns a message argument into text; a message in it gets marks
// when the message it is in does.
func (l *Loc) value(v any, mark bool) reply.Inline {
	switch v := v.(type) {
	case nil:
		return nil
	case reply.Inline:
		return v
	case string:
		return reply.Plain(v)
	case int:
		return reply.Plain(l.Int(int64(v)))
	case int64:
		return reply.Plain(l.Int(v))
	case float64:
		return reply.Plain(l.Number(v))
	case ctbot.Date:
		return reply.Plain(l.Date(v))
	case time.Weekday:
		return reply.Plain(l.S("weekday." + strconv.Itoa(int(v))))
	case Msg:
		return l.message(v.ID, mark && l.rtl, v.Args)
	case Localized:
		return reply.Plain(v.Localize(l))
	case OrList:
		return l.list(v, "list.or", mark)
	case AndList:
		return l.list(v, "list.and", mark)
	case fmt.Stringer:
		return reply.Plain(v.String())
	}
	return reply.Plain(fmt.Sprint(v))
}

// Localized is an argument written in the reader's language (a state's
// name), for messages made before the reader is known (errors).
type Localized interface{ Localize(l *Loc) string }

// Msg is a message argument that is itself a message, written in the
// language of the message it is in (for errors made before the language
// is known).
type Msg = ctbot.Msg

// M is message id with args, as an argument of another message.
func M(id string, args ...any) Msg { return ctbot.M(id, args...) }

// OrList is a message argument written as alternatives: "a, b or c".
type OrList []reply.Inline

// AndList is a message argument written as a list: "a, b and c".
type AndList []reply.Inline

func (l *Loc) list(items []reply.Inline, last string, mark bool) reply.Inline {
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	init := reply.Join(l.message("list.sep", false, nil), items[:len(items)-1]...)
	return l.message(last, mark, []any{"Init", init, "Last", items[len(items)-1]})
}

// sentinel marks where argument i goes in a template's output: characters
// of Unicode's private use area, which no message contains.
func sentinel(i int) string { return "\uE000" + strconv.Itoa(i) + "\uE001" }
