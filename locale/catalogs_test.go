package locale

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// pluralForms are the CLDR plural categories.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// messages reads a catalogue as message ID → its forms (one text, or one
// per plural category).
func messages(t *testing.T, lang string) map[string]map[string]string {
	t.Helper()
	data, err := catalogFiles.ReadFile("catalog/" + lang + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		_, plural := m["other"]
		for k, v := range m {
			switch v := v.(type) {
			case map[string]any:
				walk(prefix+k+".", v)
			case string:
				if plural && slices.Contains(pluralForms, k) {
					id := strings.TrimSuffix(prefix, ".")
					if out[id] == nil {
						out[id] = map[string]string{}
					}
					out[id][k] = v
				} else {
					out[prefix+k] = map[string]string{"": v}
				}
			}
		}
	}
	walk("", raw)
	return out
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// TestCataloguesMatchTheSource fails on a message missing from a
// language, one it has that the source does not, and a placeholder that
// differs: a translation may not drop or invent an argument. (Plural
// forms that name their number in words, as Arabic's "one" and "two"
// may, need not hold N.)
func TestCataloguesMatchTheSource(t *testing.T) {
	cat := Default()
	if langs := cat.Languages(); !slices.Equal(langs, []string{"ar", "en", "fr", "ru"}) {
		t.Errorf("languages = %v", langs)
	}
	src := messages(t, Source)
	for _, lang := range cat.Languages() {
		if lang == Source {
			continue
		}
		tr := messages(t, lang)
		for id, forms := range src {
			got, ok := tr[id]
			if !ok {
				t.Errorf("%s: %s is missing", lang, id)
				continue
			}
			want := placeholders(strings.Join(mapValues(forms), " "))
			for form, text := range got {
				p := placeholders(text)
				if form == "zero" || form == "one" || form == "two" {
					p = append(p, "N")
					slices.Sort(p)
					p = slices.Compact(p)
				}
				for _, name := range p {
					if !slices.Contains(want, name) {
						t.Errorf("%s: %s%s has {{.%s}}, which the source has not", lang, id, formName(form), name)
					}
				}
				for _, name := range want {
					if !slices.Contains(p, name) && !(name == "N" && forms[""] == "") {
						t.Errorf("%s: %s%s lacks {{.%s}}", lang, id, formName(form), name)
					}
				}
			}
			if _, plural := forms["other"]; plural != (got["other"] != "") {
				t.Errorf("%s: %s is plural in one catalogue and not in the other", lang, id)
			}
		}
		for id := range tr {
			if _, ok := src[id]; !ok {
				t.Errorf("%s: %s is not a message of the source", lang, id)
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func formName(form string) string {
	if form == "" {
		return ""
	}
	return "." + form
}

// TestArabicIsolatesItsArguments: in a right-to-left language an argument
// (a number, a code, a name in Latin letters) sits in Unicode isolates, so
// it keeps its direction; inside code it does not, so a command copied
// from a message still works. Left-to-right languages have none.
func TestArabicIsolatesItsArguments(t *testing.T) {
	ar := Default().For("ar").T("err.unknown_command", "Cmd", "/ct", "Name", "xyz").String()
	if !strings.Contains(ar, "/ct xyz") || strings.Count(ar, "\u2068")+strings.Count(ar, "\u2066") != strings.Count(ar, "\u2069") {
		t.Errorf("a command in code is isolated, or isolates are unbalanced: %q", ar)
	}
	n := Default().For("ar").T("history.none", "Where", "Kenya").String()
	if !strings.Contains(n, "\u2068Kenya\u2069") {
		t.Errorf("a Latin name in Arabic is not isolated: %q", n)
	}
	if fr := Default().For("fr").T("history.none", "Where", "Kenya").String(); strings.ContainsAny(fr, "\u2068\u2069") {
		t.Errorf("French has isolates: %q", fr)
	}
}

// An entry's ID in Arabic is isolated with its "#": "#42" reads as one.
func TestArabicKeepsAnEntrysNumberWhole(t *testing.T) {
	ar := Default().For("ar").T("amend.done", "ID", "42", "Changes", "x").String()
	if !strings.Contains(ar, "\u2068#42\u2069") {
		t.Errorf("the ID is not isolated with its #: %q", ar)
	}
}
