package config

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one mistake in a configuration file.
type Problem struct {
	Line int    // 1-based; 0 when unknown
	Key  string // e.g. "country KE.name", or "country[3].code" when the code is bad
	Msg  string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Key != "" {
		fmt.Fprintf(&b, "%s: ", p.Key)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error lists every problem found in a configuration file.
type Error struct {
	Source   string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	noun := "problems"
	if len(e.Problems) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "config %s: %d %s", e.Source, len(e.Problems), noun)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// locations maps "table[index].key" (or "table.key") to the line the key is on.
type locations map[string]int

// locate scans a TOML document for the lines of its keys. It understands the
// shapes used by ctbot configs: [table], [[array]] and bare `key = value` lines.
func locate(src string) locations {
	locs := locations{}
	table := ""
	counts := map[string]int{}
	depth := 0 // open brackets of a multi-line array value
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(stripComment(raw))
		switch {
		case line == "":
			continue
		case depth > 0:
			depth += strings.Count(line, "[") - strings.Count(line, "]")
			continue
		case strings.HasPrefix(line, "[["):
			name := nestedName(strings.TrimSpace(strings.Trim(line, "[]")), counts)
			table = fmt.Sprintf("%s[%d]", name, counts[name])
			counts[name]++
			locs[table] = i + 1
		case strings.HasPrefix(line, "["):
			table = strings.TrimSpace(strings.Trim(line, "[]"))
			locs[table] = i + 1
		default:
			key, value, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			key = strings.Trim(strings.TrimSpace(key), `"'`)
			if _, seen := locs[join(table, key)]; !seen {
				locs[join(table, key)] = i + 1
			}
			depth = strings.Count(value, "[") - strings.Count(value, "]")
		}
	}
	return locs
}

// nestedName places a nested array of tables ([[indicator.milestone]],
// [[phase.indicator.revision]]) in the latest table of each array on its
// path: indicator[2].milestone, phase[0].indicator[1].revision.
func nestedName(name string, counts map[string]int) string {
	parts := strings.Split(name, ".")
	prefix := ""
	for _, p := range parts[:len(parts)-1] {
		prefix = join(prefix, p)
		if n := counts[prefix]; n > 0 {
			prefix = fmt.Sprintf("%s[%d]", prefix, n-1)
		}
	}
	return join(prefix, parts[len(parts)-1])
}

// stripComment removes a # comment that is not inside a quoted string.
func stripComment(line string) string {
	inQuote := rune(0)
	for i, r := range line {
		switch {
		case inQuote != 0 && r == inQuote:
			inQuote = 0
		case inQuote == 0 && (r == '"' || r == '\''):
			inQuote = r
		case inQuote == 0 && r == '#':
			return line[:i]
		}
	}
	return line
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// line returns the line of key, or of its table when the key is missing.
func (l locations) line(table, key string) int {
	if n, ok := l[join(table, key)]; ok {
		return n
	}
	return l[table]
}

func sortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}
