package export

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot/internal/iati"
)

// The IATI Standard's ruleset (testdata/iati-2.03/rulesets/standard.json)
// is applied to an export as the IATI Validator applies it: each context
// (an XPath) selects elements, and each rule case is tested on each of
// them. Rules that are XPath conditions are evaluated by xmllint (XPath
// 1.0, as the rules are written), many at once; rules on text (regular
// expressions, prefixes, spaces, uniqueness) read the text with xmllint
// and test it here. Departures from the Validator, all stricter:
// warnings fail like errors; idCondition (skip identifiers the IATI
// Registry knows) is ignored, as the test has no Registry; the
// ORG-ID-PREFIX list is the OrganisationRegistrationAgency codelist.
// A rule kind this file does not know fails the test, so a newer ruleset
// cannot be half applied.

// ruleCase is one case of a rule, in the ruleset's JSON (SPEC.rst).
type ruleCase struct {
	Condition   string              `json:"condition"`
	IDCondition string              `json:"idCondition"`
	Paths       []string            `json:"paths"`
	Excluded    []string            `json:"excluded"`
	Less        string              `json:"less"`
	More        string              `json:"more"`
	Regex       string              `json:"regex"`
	Sum         *float64            `json:"sum"`
	Min         *float64            `json:"min"`
	Max         *float64            `json:"max"`
	Date        string              `json:"date"`
	Start       string              `json:"start"`
	End         string              `json:"end"`
	One         string              `json:"one"`
	All         string              `json:"all"`
	If          string              `json:"if"`
	Then        string              `json:"then"`
	Foreach     string              `json:"foreach"`
	Do          map[string]ruleList `json:"do"`
	Subs        []string            `json:"subs"`
	Prefix      []string            `json:"prefix"`
	Separator   string              `json:"separator"`
	RuleInfo    struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"ruleInfo"`
}

type ruleList struct {
	Cases []ruleCase `json:"cases"`
}

// loadRuleset reads the vendored Standard ruleset: context -> rule -> cases.
func loadRuleset(t *testing.T) map[string]map[string]ruleList {
	t.Helper()
	data, err := os.ReadFile("testdata/iati-2.03/rulesets/standard.json")
	if err != nil {
		t.Fatal(err)
	}
	var rs map[string]map[string]ruleList
	if err := json.Unmarshal(data, &rs); err != nil {
		t.Fatalf("standard.json: %v", err)
	}
	return rs
}

// sep separates the results of expressions evaluated together.
const sep = "␟"

// xpathDoc evaluates XPath 1.0 expressions over a document with xmllint.
type xpathDoc struct {
	t    *testing.T
	file string
}

func newXPathDoc(t *testing.T, doc []byte) *xpathDoc {
	t.Helper()
	file := filepath.Join(t.TempDir(), "activity.xml")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	return &xpathDoc{t: t, file: file}
}

// eval gives each expression's value as text, from as few xmllint runs
// as the length of a command line allows.
func (d *xpathDoc) eval(exprs []string) []string {
	d.t.Helper()
	var out []string
	for len(exprs) > 0 {
		n, size := 0, 0
		for n < len(exprs) && (n == 0 || size+len(exprs[n]) < 60000) {
			size += len(exprs[n]) + 20
			n++
		}
		out = append(out, d.evalOnce(exprs[:n])...)
		exprs = exprs[n:]
	}
	return out
}

func (d *xpathDoc) evalOnce(exprs []string) []string {
	d.t.Helper()
	parts := make([]string, 0, 2*len(exprs)+1)
	for i, e := range exprs {
		if i > 0 {
			parts = append(parts, "'"+sep+"'")
		}
		parts = append(parts, "string("+e+")")
	}
	if len(parts) == 1 {
		parts = append(parts, "''")
	}
	out, err := exec.Command("xmllint", "--nonet", "--xpath", "concat("+strings.Join(parts, ", ")+")", d.file).CombinedOutput()
	if err != nil {
		d.t.Fatalf("xmllint --xpath: %v\n%s", err, out)
	}
	res := strings.Split(strings.TrimSuffix(string(out), "\n"), sep)
	if len(res) != len(exprs) {
		d.t.Fatalf("xmllint gave %d results for %d expressions", len(res), len(exprs))
	}
	return res
}

// ruleChecker applies the ruleset to one document.
type ruleChecker struct {
	t        *testing.T
	doc      *xpathDoc
	now      string // the instant the rules call NOW, as digits (yyyymmddhhmmss)
	problems []string
	// The expressions of the next xmllint run, and what to do with each
	// result (which may ask for more).
	exprs []string
	then  []func(string)
}

// checkRules returns every rule of the Standard ruleset doc breaks, as
// of instant now (when it is published).
func checkRules(t *testing.T, rs map[string]map[string]ruleList, doc []byte, now time.Time) []string {
	t.Helper()
	c := &ruleChecker{t: t, doc: newXPathDoc(t, doc), now: now.UTC().Format("20060102150405")}
	for _, ctx := range sortedKeys(rs) {
		rules := rs[ctx]
		c.ask("count("+ctx+")", func(n string) {
			count, _ := strconv.Atoi(n)
			if count == 0 {
				return
			}
			for _, name := range sortedKeys(rules) {
				for _, cs := range rules[name].Cases {
					c.rule(ctx, count, name, cs)
				}
			}
		})
	}
	for len(c.exprs) > 0 {
		exprs, then := c.exprs, c.then
		c.exprs, c.then = nil, nil
		for i, r := range c.doc.eval(exprs) {
			then[i](r)
		}
	}
	slices.Sort(c.problems)
	return c.problems
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (c *ruleChecker) ask(expr string, then func(string)) {
	c.exprs = append(c.exprs, expr)
	c.then = append(c.then, then)
}

func (c *ruleChecker) fail(cs ruleCase, where, detail string) {
	c.problems = append(c.problems, fmt.Sprintf("rule %s (%s) at %s: %s%s", cs.RuleInfo.ID, cs.RuleInfo.Severity, where, cs.RuleInfo.Message, detail))
}

// rule applies one case of rule name to the count elements ctx selects.
func (c *ruleChecker) rule(ctx string, count int, name string, cs ruleCase) {
	switch name {
	case "regex_matches", "regex_no_matches", "no_spaces", "unique", "startswith", "loop":
		for k := 1; k <= count; k++ {
			node := fmt.Sprintf("(%s)[%d]", ctx, k)
			c.when(node, cs.Condition, func() { c.textRule(node, name, cs) })
		}
		return
	}
	p, ok := c.failing(name, cs)
	if !ok {
		c.t.Errorf("ruleset: rule kind %q (rule %s) is not implemented by the test", name, cs.RuleInfo.ID)
		return
	}
	if cs.Condition != "" {
		p = "(" + cs.Condition + ") and (" + p + ")"
	}
	c.ask("count(("+ctx+")["+p+"])", func(n string) {
		if n != "0" {
			c.fail(cs, ctx, fmt.Sprintf(" (%s of %d elements)", n, count))
		}
	})
}

// when calls fn if the condition (if any) holds on node.
func (c *ruleChecker) when(node, cond string, fn func()) {
	if cond == "" {
		fn()
		return
	}
	c.ask("count("+node+"["+cond+"])", func(n string) {
		if n != "0" {
			fn()
		}
	})
}

// num is an XPath number of a date or date-time, to the second:
// yyyymmddhhmmss. day is one of a date: yyyymmdd.
func num(x string) string {
	return "number(translate(substring(concat(string(" + x + "),'T00:00:00'),1,19),'-:T',''))"
}

func day(x string) string { return "number(translate(substring(string(" + x + "),1,10),'-',''))" }

// oneOrAll are the elements that break a one_or_all rule's "all" when
// its "one" is missing.
var oneOrAll = map[string]string{
	"lang":     "descendant::narrative[not(@xml:lang)]",
	"currency": "descendant::value[not(@currency)]",
	"sector":   "transaction[not(sector)]",
}

// failing is an XPath predicate true of an element that breaks the rule.
func (c *ruleChecker) failing(name string, cs ruleCase) (string, bool) {
	either := "(" + strings.Join(cs.Paths, ") or (") + ")"
	union := strings.Join(cs.Paths, " | ")
	switch name {
	case "atleast_one":
		return "not(" + either + ")", true
	case "no_more_than_one":
		return "count(" + union + ") > 1", true
	case "dependent":
		return either + " and not((" + strings.Join(cs.Paths, ") and (") + "))", true
	case "only_one_of":
		ex := strings.Join(cs.Excluded, " | ")
		return "((" + ex + ") and " + either + ") or (not(" + ex + ") and count(" + union + ") != 1)", true
	case "one_or_all":
		all, ok := oneOrAll[cs.All]
		return "not(" + cs.One + ") and (" + all + ")", ok
	case "sum", "strict_sum":
		s := "sum(" + union + ")"
		return fmt.Sprintf("%s > %v + 0.000001 or %s < %v - 0.000001", s, *cs.Sum, s, *cs.Sum), true
	case "range":
		var ors []string
		for _, p := range cs.Paths {
			ors = append(ors, fmt.Sprintf("%s[number(.) < %v or number(.) > %v or number(.) != number(.)]", p, *cs.Min, *cs.Max))
		}
		return strings.Join(ors, " or "), true
	case "date_now":
		return cs.Date + "[" + num(".") + " > " + c.now + "]", true
	case "date_order":
		if cs.More == "NOW" {
			return cs.Less + "[" + num(".") + " > " + c.now + "]", true
		}
		return "(" + cs.Less + ") and (" + cs.More + ") and " + num(cs.Less) + " > " + num(cs.More), true
	case "time_limit":
		return "(" + cs.Start + ") and (" + cs.End + ") and " + day(cs.End) + " - " + day(cs.Start) + " > 10000", true
	case "between_dates":
		return "(" + cs.Date + ") and (" + cs.Start + ") and (" + cs.End + ") and (" + day(cs.Date) + " < " + day(cs.Start) +
			" or " + day(cs.Date) + " > " + day(cs.End) + ")", true
	case "if_then":
		return "(" + cs.If + ") and not(" + cs.Then + ")", true
	}
	return "", false
}

// texts reads the text of each path on node, then calls fn with them
// (a list per path).
func (c *ruleChecker) texts(node string, paths []string, fn func([][]string)) {
	out := make([][]string, len(paths))
	left := len(paths)
	if left == 0 {
		fn(out)
		return
	}
	for i, p := range paths {
		c.ask("count("+node+"/"+p+")", func(n string) {
			count, _ := strconv.Atoi(n)
			out[i] = make([]string, count)
			for j := range count {
				c.ask(fmt.Sprintf("(%s/%s)[%d]", node, p, j+1), func(s string) {
					out[i][j] = s
					if j == count-1 {
						if left--; left == 0 {
							fn(out)
						}
					}
				})
			}
			if count == 0 {
				if left--; left == 0 {
					fn(out)
				}
			}
		})
	}
}

// textRule applies a rule on text, or a loop, to one element.
func (c *ruleChecker) textRule(node, name string, cs ruleCase) {
	if name == "loop" {
		c.texts(node, []string{cs.Foreach}, func(vals [][]string) {
			seen := map[string]bool{}
			for _, v := range vals[0] {
				if seen[v] {
					continue
				}
				seen[v] = true
				for _, do := range sortedKeys(cs.Do) {
					for _, sub := range cs.Do[do].Cases {
						c.rule(node, 1, do, substitute(sub, cs.Subs, v))
					}
				}
			}
		})
		return
	}
	c.texts(node, cs.Paths, func(vals [][]string) {
		all := slices.Concat(vals...)
		switch name {
		case "regex_matches", "regex_no_matches":
			re := regexp.MustCompile(cs.Regex)
			for _, v := range all {
				if re.MatchString(v) != (name == "regex_matches") {
					c.fail(cs, node, fmt.Sprintf(" (%q)", v))
				}
			}
		case "no_spaces":
			for _, v := range all {
				if v != strings.TrimSpace(v) {
					c.fail(cs, node, fmt.Sprintf(" (%q)", v))
				}
			}
		case "unique":
			for i, v := range all {
				if slices.Contains(all[:i], v) {
					c.fail(cs, node, fmt.Sprintf(" (%q twice)", v))
				}
			}
		case "startswith":
			c.startsWith(node, cs, all)
		}
	})
}

// startsWith: each text starts with one of the prefixes (the texts of the
// prefix paths, or a registered agency's code) and the separator.
func (c *ruleChecker) startsWith(node string, cs ruleCase, all []string) {
	if slices.Equal(cs.Prefix, []string{"ORG-ID-PREFIX"}) {
		for _, v := range all {
			if a, ok := iati.Agency(v); !ok || a.Withdrawn {
				c.fail(cs, node, fmt.Sprintf(" (%q)", v))
			}
		}
		return
	}
	c.texts(node, cs.Prefix, func(pre [][]string) {
		prefixes := slices.Concat(pre...)
		for _, v := range all {
			if !slices.ContainsFunc(prefixes, func(p string) bool { return p != "" && strings.HasPrefix(v, p+cs.Separator) }) {
				c.fail(cs, node, fmt.Sprintf(" (%q does not start with any of %q)", v, prefixes))
			}
		}
	})
}

// substitute is a loop's case with the value found for $1.
func substitute(cs ruleCase, subs []string, v string) ruleCase {
	r := func(s string) string { return strings.ReplaceAll(s, "$1", v) }
	for _, key := range subs {
		switch key {
		case "paths":
			ps := make([]string, len(cs.Paths))
			for i, p := range cs.Paths {
				ps[i] = r(p)
			}
			cs.Paths = ps
		case "if":
			cs.If = r(cs.If)
		case "then":
			cs.Then = r(cs.Then)
		case "condition":
			cs.Condition = r(cs.Condition)
		}
	}
	return cs
}
