package ctbot

// Names give codes people type (stages, pillars, topics) a name in other
// languages: for each language, a name per code, in the codes' order.
type Names map[string][]string

// In is codes[i]'s name in language lang, or the code itself when the
// language has none.
func (n Names) In(lang string, codes []string, code string) string {
	names := n[lang]
	for i, c := range codes {
		if c == code && i < len(names) && names[i] != "" {
			return names[i]
		}
	}
	return code
}

// Code is the code of codes that s is, or names in any language,
// ignoring case, accents and the kind of hyphen; "" if none.
func (n Names) Code(s string, codes []string) string {
	s = normalise(s)
	if s == "" {
		return ""
	}
	for i, c := range codes {
		if normalise(c) == s {
			return c
		}
		for _, names := range n {
			if i < len(names) && normalise(names[i]) == s {
				return c
			}
		}
	}
	return ""
}

// All are the codes and their names in every language, for suggestions.
func (n Names) All(codes []string) []string {
	out := append([]string(nil), codes...)
	for _, names := range n {
		out = append(out, names...)
	}
	return out
}

// Words are codes (pillars, stages, topics) as a message argument, to be
// written in the reader's language: the names of Only (nil: every code),
// each followed by Suffix ("=N"), joined by Sep ("": the reader's list
// separator).
type Words struct {
	Names       Names
	Codes, Only []string
	Suffix, Sep string
}

// In are the words in language lang.
func (w Words) In(lang string) []string {
	only := w.Only
	if only == nil {
		only = w.Codes
	}
	out := make([]string, len(only))
	for i, c := range only {
		out[i] = w.Names.In(lang, w.Codes, c) + w.Suffix
	}
	return out
}

// PillarWords are pillars (nil: every one) as a message argument.
func (r *Readiness) PillarWords(only []string, suffix, sep string) Words {
	return Words{Names: r.PillarsIn, Codes: r.Pillars, Only: only, Suffix: suffix, Sep: sep}
}
