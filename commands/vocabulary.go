package commands

import (
	"strings"

	"github.com/cttechplus/ctbot/locale"
)

// vocabulary maps the words people may type, in every language with a
// catalogue, to the English keyword ctbot reads: command names, options,
// statuses, flags and dates ("formation" → training, "femmes=" → women=,
// "aujourd'hui" → today). The catalogues list them under [input]; their
// English form always works too. Questions' words are under [askwords].
type vocabulary struct {
	cmds, opts, words map[string]string   // lower-case word → keyword
	ask               map[string][]string // intent → phrases in every language
	phr               map[string][]phrase // the same, compiled
}

func newVocabulary(cat *locale.Catalog) vocabulary {
	v := vocabulary{cmds: map[string]string{}, opts: map[string]string{}, words: map[string]string{}, ask: map[string][]string{}}
	tables := map[string]map[string]string{"input.cmd.": v.cmds, "input.opt.": v.opts, "input.word.": v.words}
	for _, lang := range cat.Languages() {
		l := cat.For(lang)
		for id := range cat.IDs(lang) {
			for prefix, m := range tables {
				if keyword, ok := strings.CutPrefix(id, prefix); ok {
					for _, w := range phrases(l.S(id)) {
						m[w] = keyword
					}
				}
			}
			if intent, ok := strings.CutPrefix(id, "askwords."); ok {
				v.ask[intent] = append(v.ask[intent], phrases(l.S(id))...)
			}
		}
	}
	v.phr = compileAsk(v.ask)
	return v
}

// phrases are the lower-case phrases of a comma-separated list.
func phrases(list string) []string {
	var out []string
	for _, w := range strings.Split(list, ",") {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// word, option and command are the keyword s stands for as a word (a
// status, flag or date), an option's name or a command's, or s itself.
func (v vocabulary) word(s string) string    { return lookupWord(v.words, s) }
func (v vocabulary) option(s string) string  { return lookupWord(v.opts, s) }
func (v vocabulary) command(s string) string { return lookupWord(v.cmds, s) }

func lookupWord(m map[string]string, s string) string {
	if k, ok := m[strings.ToLower(s)]; ok {
		return k
	}
	return s
}
