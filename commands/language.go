package commands

import (
	"context"
	"strings"
	"sync"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// languages are the languages people chose, read from the store once and
// kept current by /ct lang (the store stays the truth after a restart).
type languages struct {
	mu     sync.Mutex
	loaded bool
	chosen map[string]string
}

// Language is the language user reads: the one they chose; else, for a
// focal point (in the configuration, or granted in Slack as the grants were
// last read), their state's; else the programme's.
func (c *Core) Language(user string) string {
	if lang := c.langs.of(c, user); lang != "" {
		return lang
	}
	ac := *c.access.Load()
	if gs := c.granted.Load(); gs != nil {
		ac = ac.With(*gs) // a focal point granted in Slack, as last read
	}
	for _, co := range c.fw.Countries {
		if co.Language != "" && ac.IsFocal(c.fw, user, co.Code) {
			return co.Language
		}
	}
	if c.fw.Language != "" {
		return c.fw.Language
	}
	return locale.Source
}

// of is the language user chose, "" for none. A store that cannot be
// read leaves everyone to the defaults (logged) and is read again later.
func (ls *languages) of(c *Core, user string) string {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if !ls.loaded {
		chosen, err := c.settings.Languages(context.Background())
		if err != nil {
			c.log.Error("reading the languages people chose; using the defaults", "err", err)
			return ""
		}
		ls.chosen, ls.loaded = chosen, true
	}
	return ls.chosen[user]
}

func (ls *languages) set(user, lang string) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.chosen == nil {
		ls.chosen = map[string]string{}
	}
	ls.chosen[user] = lang
}

// runLang shows or sets the language ctbot writes to the person in:
// `lang` or `lang fr`.
func runLang(ctx context.Context, c *Core, call *call) (Reply, error) {
	langs := c.cat.Languages()
	t, ok := call.args.next()
	if !ok {
		return Reply{Doc: reply.Doc{reply.Para{Text: call.l.T("lang.current", "Lang", call.l.S("lang.name."+call.l.Lang()),
			"List", c.languageList(call.l), "Cmd", c.command)}}}, nil
	}
	lang := strings.ToLower(t.text)
	if !contains(langs, lang) {
		return Reply{}, badField("lang", "err.unknown_language", "Text", t.text, "List", codeList(langs))
	}
	if extra, ok := call.args.next(); ok {
		return Reply{}, badField("lang", "err.unexpected", "Text", extra.text)
	}
	_, err := c.settings.SetLanguage(ctx, call.user(), lang, call.write())
	l := c.cat.For(lang)
	r := Reply{Doc: reply.Doc{reply.Para{Text: l.T("lang.set", "Lang", l.S("lang.name."+lang))}}}
	switch {
	case ctbot.CodeOf(err) == ctbot.EUnchanged:
		return Reply{Doc: reply.Doc{reply.Para{Text: l.T("lang.already", "Lang", l.S("lang.name."+lang))}}}, nil
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		r.Outcome = "duplicate"
	case err != nil:
		return Reply{}, err
	}
	c.langs.set(call.user(), lang)
	return r, nil
}

// languageList names the languages with their codes: "`en` English, `fr` français…".
func (c *Core) languageList(l *locale.Loc) reply.Inline {
	var items []reply.Inline
	for _, lang := range c.cat.Languages() {
		items = append(items, l.T("lang.item", "Code", reply.Styled(lang, reply.Code), "Name", c.cat.For(lang).S("lang.name."+lang)))
	}
	return reply.Join(l.T("list.sep"), items...)
}
