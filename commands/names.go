package commands

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// readerList is a message argument written only once the reader's
// language is known, as styled items (say resolves it).
type readerList interface{ list(l *locale.Loc) any }

// choices are what someone may have meant: states (by code), named in
// the reader's language, then codes, each in a code span: "a, b or c".
type choices struct {
	fw            *ctbot.Framework
	states, codes []string
}

func (ch choices) list(l *locale.Loc) any {
	out := make(locale.OrList, 0, len(ch.states)+len(ch.codes))
	for _, c := range ch.states {
		out = append(out, reply.Styled(CountryName(l, ch.fw, c), reply.Code))
	}
	for _, c := range ch.codes {
		out = append(out, reply.Styled(c, reply.Code))
	}
	return out
}

// codeWords writes ctbot.Words in the reader's language.
type codeWords ctbot.Words

func (w codeWords) Localize(l *locale.Loc) string {
	sep := w.Sep
	if sep == "" {
		sep = l.S("list.sep")
	}
	return strings.Join(ctbot.Words(w).In(l.Lang()), sep)
}

// joined are words joined with the reader's list separator.
type joined []string

func (j joined) Localize(l *locale.Loc) string { return strings.Join(j, l.S("list.sep")) }

// zoneName is the time zone of t as people know it ("Brussels time"), or
// its offset from UTC.
type zoneName struct{ at time.Time }

func (z zoneName) Localize(l *locale.Loc) string {
	if id := "zone." + z.at.Location().String(); l.Has(id) {
		return l.S(id)
	}
	return l.S("zone.offset", "Offset", z.at.Format("-07:00"))
}

// stagePath is an indicator's stages in l's language: "drafting →
// validated → adopted".
func stagePath(l *locale.Loc, ind *ctbot.Indicator) string {
	return strings.Join(ctbot.Words{Names: ind.StagesIn, Codes: ind.Stages}.In(l.Lang()), " → ")
}

// stageName is a stage of ind in l's language.
func stageName(l *locale.Loc, ind *ctbot.Indicator, code string) string {
	if ind == nil {
		return code
	}
	return ind.StageIn(l.Lang(), code)
}

// scoresText is a readiness assessment's scores in l's language, pillar
// by pillar as typed: "politique=2 juridique=1".
func scoresText(l *locale.Loc, r *ctbot.Readiness, scores map[string]int) string {
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := slices.Index(r.Pillars, keys[i]), slices.Index(r.Pillars, keys[j])
		if a != b {
			return uint(a) < uint(b) // pillars first, in their order; others (-1) after
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = r.PillarIn(l.Lang(), k) + "=" + strconv.Itoa(scores[k])
	}
	return strings.Join(parts, " ")
}

// withPillars adds the readiness pillars' names in every language to the
// options people may type: politique=2 is policy=2.
func (v vocabulary) withPillars(r *ctbot.Readiness) vocabulary {
	if r == nil {
		return v
	}
	for _, names := range r.PillarsIn {
		for i, n := range names {
			if n = strings.ToLower(strings.TrimSpace(n)); n != "" && i < len(r.Pillars) && v.opts[n] == "" {
				v.opts[n] = r.Pillars[i]
			}
		}
	}
	return v
}
