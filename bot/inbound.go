package bot

import (
	"cmp"
	"regexp"
	"strings"
	"unicode"
)

// slackMarkupRE is a link, mention or channel in text Slack sends: <url|label>,
// <@U123|name>, <#C123|name>, <!here>. A "<" the person typed comes as "&lt;".
var slackMarkupRE = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// unescapeSlack reads text as Slack sends it (a slash command with
// should_escape, a mention, a DM, a message a shortcut records) as the person
// saw it when they wrote it. It is the one place inbound text is read:
//   - <@U123|kofi> is "@kofi", <@U123> "@U123" (as is a name of several
//     words, which would not read as one); mentions maps each mention as it
//     now reads to the user's ID, for commands that take people;
//   - <#C123|general> is "#general", <#C123> "#C123";
//   - <!here> is "@here", <!subteam^S1|@team> "@team";
//   - <https://x.org|x.org> (a URL Slack made a link of) is the URL,
//     <https://x.org/r|the report> "the report (https://x.org/r)",
//     <mailto:a@b.org|a@b.org> "a@b.org";
//   - &amp;, &lt; and &gt; are &, < and >.
func unescapeSlack(s string) (text string, mentions map[string]string) {
	var b strings.Builder
	last := 0
	for _, m := range slackMarkupRE.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(unescaper.Replace(s[last:m[0]]))
		last = m[1]
		target := unescaper.Replace(s[m[2]:m[3]])
		label := ""
		if m[4] >= 0 {
			label = unescaper.Replace(s[m[4]:m[5]])
		}
		switch {
		case strings.HasPrefix(target, "@"):
			id := target[1:]
			shown := "@" + strings.TrimPrefix(label, "@")
			if label == "" || strings.ContainsFunc(label, unicode.IsSpace) || mentions[shown] != "" && mentions[shown] != id {
				shown = "@" + id // no name, a name of several words, or one another person here has
			}
			if mentions == nil {
				mentions = map[string]string{}
			}
			mentions[shown] = id
			b.WriteString(shown)
		case strings.HasPrefix(target, "#"):
			b.WriteString("#" + cmp.Or(label, target[1:]))
		case strings.HasPrefix(target, "!"):
			name, _, _ := strings.Cut(target[1:], "^")
			b.WriteString(cmp.Or(label, "@"+name))
		default:
			b.WriteString(linkText(target, label))
		}
	}
	b.WriteString(unescaper.Replace(s[last:]))
	return b.String(), mentions
}

// linkText is a link as the person saw it: the URL they typed, or the
// label they gave it and the URL.
func linkText(url, label string) string {
	bare := url
	for _, scheme := range []string{"https://", "http://", "mailto:"} {
		bare = strings.TrimPrefix(bare, scheme)
	}
	switch {
	case label == "" || label == url:
		return url
	case label == bare && strings.HasPrefix(url, "mailto:"):
		return label
	case label == bare || label == strings.TrimSuffix(bare, "/"):
		return url
	}
	return label + " (" + url + ")"
}
