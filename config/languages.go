package config

import (
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
)

// language checks that lang ("" for the default) has a message catalogue.
func (v *validator) language(table, key, lang string) {
	if lang != "" && !locale.Default().Has(lang) {
		v.add(table, key, "%q has no message catalogue; the languages are %s (add one as locale/catalog/%s.toml)",
			lang, strings.Join(locale.Default().Languages(), ", "), lang)
	}
}

// perLanguage keeps the values given for other languages.
func perLanguage(byLang map[string]string) map[string]string {
	out := map[string]string{}
	for lang, s := range byLang {
		if s = strings.TrimSpace(s); s != "" {
			out[lang] = s
		}
	}
	return out
}

// countryNames are a country's names in other languages: the
// configuration's, else the message catalogue's (country.KE).
func countryNames(c CountryConfig, code string) map[string]string {
	names := perLanguage(map[string]string{"fr": c.NameFR, "ru": c.NameRU, "ar": c.NameAR})
	cat := locale.Default()
	for _, lang := range cat.Languages() {
		if lang == locale.Source || names[lang] != "" || !cat.IDs(lang)["country_name."+code] {
			continue
		}
		names[lang] = cat.For(lang).S("country_name." + code)
	}
	return names
}

// indicatorTitles are an indicator's titles and short titles in other
// languages.
func indicatorTitles(c IndicatorConfig) (titles, short map[string]string) {
	return perLanguage(map[string]string{"fr": c.TitleFR, "ru": c.TitleRU, "ar": c.TitleAR}),
		perLanguage(map[string]string{"fr": c.ShortTitleFR, "ru": c.ShortTitleRU, "ar": c.ShortTitleAR})
}

// translations are the names of codes (stages, pillars, topics) in other
// languages: key_fr = […] and the like, each as long as codes, else, for
// the codes the message catalogue names (prefix+code, e.g. pillar.policy),
// the catalogue's names.
func (v *validator) translations(table, key string, codes []string, byLang map[string][]string, prefix string) ctbot.Names {
	out := ctbot.Names{}
	for lang, names := range byLang {
		if names == nil {
			continue
		}
		if len(names) != len(codes) {
			v.add(table, key+"_"+lang, "has %d names; %s has %d", len(names), key, len(codes))
			continue
		}
		for _, n := range names {
			if strings.TrimSpace(n) == "" {
				v.add(table, key+"_"+lang, "has an empty name")
			}
		}
		out[lang] = names
	}
	if prefix == "" {
		if len(out) == 0 {
			return nil // as kept in a closed period's framework
		}
		return out
	}
	cat := locale.Default()
	for _, lang := range cat.Languages() {
		if lang == locale.Source || out[lang] != nil {
			continue
		}
		names := make([]string, len(codes))
		for i, c := range codes {
			if cat.IDs(lang)[prefix+c] {
				names[i] = cat.For(lang).S(prefix + c)
			}
		}
		out[lang] = names
	}
	return out
}
