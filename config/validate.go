package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/robfig/cron/v3"

	"github.com/cttechplus/ctbot"
)

var (
	countryCodeRE   = regexp.MustCompile(`^[A-Z]{2}$`)
	indicatorCodeRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	userIDRE        = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)
	channelIDRE     = regexp.MustCompile(`^[CGD][A-Z0-9]{2,}$`)
	teamIDRE        = regexp.MustCompile(`^[TE][A-Z0-9]{2,}$`)
	stageRE         = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// CronParser parses digest schedules: five fields or a descriptor (@weekly).
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

type validator struct {
	lines    locations
	names    map[string]string // "country[2]" -> "country KE", see tableNames
	problems []Problem
}

// tableNames names each [[country]] and [[indicator]] table by its code,
// as people know them, when the code is well formed and not taken by an
// earlier table; others keep their index ("country[2]").
func tableNames(cfg *Config) map[string]string {
	names := map[string]string{}
	taken := map[string]bool{}
	name := func(table, kind, code string, ok bool) {
		if n := kind + " " + code; ok && !taken[n] {
			names[table], taken[n] = n, true
		}
	}
	for i, c := range cfg.Countries {
		code := strings.TrimSpace(c.Code)
		name(fmt.Sprintf("country[%d]", i), "country", code, countryCodeRE.MatchString(code))
	}
	for i, c := range cfg.Indicators {
		name(fmt.Sprintf("indicator[%d]", i), "indicator", c.Code, indicatorCodeRE.MatchString(c.Code))
	}
	for i, c := range cfg.Courses {
		name(fmt.Sprintf("course[%d]", i), "course", c.Code, indicatorCodeRE.MatchString(c.Code))
	}
	for i, ph := range cfg.Phases {
		t := fmt.Sprintf("phase[%d]", i)
		names[t] = fmt.Sprintf("phase %d", i+2) // [programme] is phase 1
		taken = map[string]bool{}
		for j, c := range ph.Indicators {
			name(fmt.Sprintf("%s.indicator[%d]", t, j), "indicator", c.Code, indicatorCodeRE.MatchString(c.Code))
		}
	}
	return names
}

// name is how messages name a table: "indicator unsr-recs.milestone[1]"
// for indicator[1].milestone[1], "phase 2.indicator unsr-recs" for
// phase[0].indicator[1].
func (v *validator) name(table string) string {
	parts := strings.Split(table, ".")
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p
		if n, ok := v.names[strings.Join(parts[:i+1], ".")]; ok {
			out[i] = n
		}
	}
	return strings.Join(out, ".")
}

func (v *validator) add(table, key, format string, args ...any) {
	name := key
	if table != "" {
		name = v.name(table) + "." + key
	}
	v.problems = append(v.problems, Problem{Line: v.lines.line(table, key), Key: name, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) sorted() []Problem { return sortProblems(v.problems) }

// unknownKey reports a key ctbot does not know, at its first occurrence.
func (v *validator) unknownKey(k toml.Key) {
	key := k[len(k)-1]
	table := v.tableOf(k[:len(k)-1], key)
	v.add(table, key, "unknown key (check the spelling against config.example.toml)")
}

// tableOf is the first table along path (["phase", "indicator"]) that
// holds key, with the index of each array of tables on the way
// ("phase[0].indicator[2]"); the path itself when none is found.
func (v *validator) tableOf(path []string, key string) string {
	var walk func(prefix string, rest []string) string
	walk = func(prefix string, rest []string) string {
		if len(rest) == 0 {
			if _, ok := v.lines[join(prefix, key)]; ok {
				return prefix
			}
			return ""
		}
		seg := join(prefix, rest[0])
		if _, array := v.lines[seg+"[0]"]; !array {
			return walk(seg, rest[1:])
		}
		for i := 0; ; i++ {
			t := fmt.Sprintf("%s[%d]", seg, i)
			if _, ok := v.lines[t]; !ok {
				return ""
			}
			if found := walk(t, rest[1:]); found != "" {
				return found
			}
		}
	}
	if t := walk("", path); t != "" {
		return t
	}
	return strings.Join(path, ".")
}

// validate checks every value and builds cfg.Framework when all is well.
func (v *validator) validate(cfg *Config) {
	loc := v.programme(cfg)
	v.slack(&cfg.Slack)
	v.access(cfg)
	v.digest(cfg)
	v.backup(cfg.Backup)
	v.reporting(cfg)
	countries := v.countries(cfg.Countries, loc)
	p := cfg.Programme
	extensions := v.extensions("programme", p.Extensions, p.Start, p.End)
	first := ctbot.NewFramework(p.Name, p.Start, p.End, loc, countries, nil)
	first.Extend(extensions...)
	first.Indicators = v.indicators(cfg.Indicators, phaseSpan{table: "indicator", start: p.Start, end: first.End}, countries)
	phases := append([]*ctbot.Framework{first}, v.phases(cfg, loc, countries, first)...)
	v.withdrawals(cfg, phases)
	topics, topicNames, courses := v.catalogue(cfg)
	readiness := v.readiness(cfg.Readiness)
	if len(v.problems) == 0 {
		for _, ph := range phases {
			ph.Period = ctbot.PeriodKind(cfg.Reporting.Period)
			ph.Topics, ph.TopicNames, ph.Courses, ph.Readiness = topics, topicNames, courses, readiness
			ph.Language = cfg.Programme.Language
		}
		if len(phases) > 1 {
			ctbot.LinkPhases(phases)
		}
		cfg.Framework = first
	}
}

// reporting checks [reporting], [retention] and [iati].
func (v *validator) reporting(cfg *Config) {
	if !ctbot.PeriodKind(cfg.Reporting.Period).Valid() {
		v.add("reporting", "period", "%q is not a period; use \"month\", \"quarter\", \"half\" or \"year\"", cfg.Reporting.Period)
	}
	if n := cfg.Retention.FreeTextDays; n < 0 || n > 100*366 {
		v.add("retention", "free_text_days", "%d is out of range (0 keeps free text)", n)
	}
	v.iati(cfg)
}

func (v *validator) programme(cfg *Config) *time.Location {
	p := cfg.Programme
	if strings.TrimSpace(p.Name) == "" {
		v.add("programme", "name", "is missing; give the programme's name")
	}
	if p.Start.IsZero() {
		v.add("programme", "start", "is missing; give a date like 2025-01-01")
	}
	if p.End.IsZero() {
		v.add("programme", "end", "is missing; give a date like 2026-12-31")
	}
	if !p.Start.IsZero() && !p.End.IsZero() && !p.End.After(p.Start) {
		v.add("programme", "end", "%s is not after start %s", p.End, p.Start)
	}
	v.language("programme", "language", p.Language)
	v.language("digest", "language", cfg.Digest.Language)
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil || p.Timezone == "" || p.Timezone == "Local" {
		v.add("programme", "timezone", "%q is not an IANA time zone (e.g. Europe/Brussels)", p.Timezone)
		return time.UTC
	}
	return loc
}

func (v *validator) slack(s *Slack) {
	if s.Mode != "socket" && s.Mode != "http" {
		v.add("slack", "mode", "%q is not a mode; use \"socket\" or \"http\"", s.Mode)
	}
	if s.Mode == "http" && s.Listen == "" {
		v.add("slack", "listen", "is empty; http mode needs the address of Slack's request URLs, such as \"127.0.0.1:3000\" behind a reverse proxy on this host, or \":3000\" in a container")
	}
	if s.APIURL != "" {
		u, err := url.Parse(s.APIURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.add("slack", "api_url", "%q is not an http(s) URL", s.APIURL)
		} else if !strings.HasSuffix(s.APIURL, "/") {
			s.APIURL += "/"
		}
	}
	for _, t := range s.AllowedTeams {
		if !teamIDRE.MatchString(t) {
			v.add("slack", "allowed_teams", "%q is not a workspace ID (like T012AB3CD)", t)
		}
	}
	v.userIDs("slack", "external_users", s.ExternalUsers)
	if !strings.HasPrefix(s.Command, "/") || len(s.Command) < 2 || len(s.Command) > 32 || strings.ContainsAny(s.Command, " \t") {
		v.add("slack", "command", "%q is not a slash command; use something like \"/ct\"", s.Command)
	}
}

func (v *validator) access(cfg *Config) {
	a := cfg.Access
	for key, ids := range map[string][]string{"coordinators": a.Coordinators, "managers": a.Managers, "staff": a.Staff} {
		v.userIDs("access", key, ids)
	}
}

// userIDs checks a list of Slack user IDs: each well formed, none twice.
func (v *validator) userIDs(table, key string, ids []string) {
	for i, id := range ids {
		if !userIDRE.MatchString(id) {
			v.add(table, key, "%q is not a Slack user ID (like U012AB3CD)", id)
		} else if slices.Contains(ids[:i], id) {
			v.add(table, key, "%q is listed twice", id)
		}
	}
}

func (v *validator) digest(cfg *Config) {
	d := cfg.Digest
	if _, err := CronParser.Parse(d.Schedule); err != nil {
		v.add("digest", "schedule", "%q is not a cron schedule (%v); e.g. \"0 8 * * MON\" for Mondays at 08:00", d.Schedule, err)
	}
	if d.Channel != "" && !channelIDRE.MatchString(d.Channel) {
		v.add("digest", "channel", "%q is not a channel ID (like C012AB3CD; a name like #general will not do)", d.Channel)
	}
	for key, n := range map[string]int{"lookahead_days": d.LookaheadDays, "quiet_after_days": d.QuietAfterDays, "catch_up_hours": d.CatchUpHours} {
		if n < 0 || n > 366*24 {
			v.add("digest", key, "%d is out of range", n)
		}
	}
	if _, err := CronParser.Parse(cfg.Reminders.Schedule); err != nil {
		v.add("reminders", "schedule", "%q is not a cron schedule (%v); e.g. \"0 9 * * *\" for every day at 09:00", cfg.Reminders.Schedule, err)
	}
	for _, n := range cfg.Reminders.DaysBefore {
		if n < 0 || n > 365 {
			v.add("reminders", "days_before", "%d is out of range (0 to 365 days)", n)
		}
	}
	if m := cfg.Metrics.Listen; m != "" {
		if _, _, err := net.SplitHostPort(m); err != nil {
			v.add("metrics", "listen", "%q is not an address like 127.0.0.1:9464 (empty disables /metrics)", m)
		}
	}
	if cfg.Log.Format != "text" && cfg.Log.Format != "json" {
		v.add("log", "format", "%q is not a format; use \"text\" or \"json\"", cfg.Log.Format)
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, cfg.Log.Level) {
		v.add("log", "level", "%q is not a level; use debug, info, warn or error", cfg.Log.Level)
	}
}

func (v *validator) countries(cs []CountryConfig, programme *time.Location) []*ctbot.Country {
	if len(cs) == 0 {
		v.add("", "country", "no [[country]] tables; list the partner states")
	}
	seen := map[string]string{} // normalised code, name or alias -> table
	var out []*ctbot.Country
	for i, c := range cs {
		t := fmt.Sprintf("country[%d]", i)
		code := strings.TrimSpace(c.Code)
		if !countryCodeRE.MatchString(code) {
			v.add(t, "code", "%q is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. KE)", c.Code)
		} else {
			v.iatiCountry(t, code)
		}
		if strings.TrimSpace(c.Name) == "" {
			v.add(t, "name", "is missing")
		}
		for j, n := range append([]string{code, c.Name}, c.Aliases...) {
			k := strings.ToLower(strings.TrimSpace(n))
			if k == "" {
				continue
			}
			if other, dup := seen[k]; dup && other != t {
				key := []string{"code", "name", "aliases"}[min(j, 2)]
				v.add(t, key, "%q is already used by %s on line %d", n, v.name(other), v.lines[other])
			}
			seen[k] = t
		}
		v.userIDs(t, "focal_points", c.FocalPoints)
		v.language(t, "language", c.Language)
		country := &ctbot.Country{Code: code, Name: c.Name, Aliases: c.Aliases, FocalPoints: c.FocalPoints,
			Location: programme, Holidays: c.Holidays, Language: c.Language, Names: countryNames(c, code), Withdrawn: c.Withdrawn}
		v.workingWeek(t, c, country)
		out = append(out, country)
	}
	return out
}

// targets checks where an indicator applies and what is due when:
// countries and per-state targets name known states, milestones are in
// order inside the programme and below the target, the due date is inside
// the programme.
func (v *validator) targets(t string, sp phaseSpan, c *IndicatorConfig, ind *ctbot.Indicator, countries []*ctbot.Country) {
	known := map[string]bool{}
	for _, co := range countries {
		known[co.Code] = true
	}
	for _, code := range c.Countries {
		if !known[code] {
			v.add(t, "countries", "%q is not the code of a [[country]]", code)
		}
	}
	if c.Countries != nil && len(c.Countries) == 0 {
		v.add(t, "countries", "is empty; leave it out to apply the indicator to every country")
	}
	v.stateTargets(t, c, c.Targets, ind, known)
	inside := func(d ctbot.Date) bool { return !d.Before(sp.start) && !d.After(sp.end) }
	if !c.Due.IsZero() && !sp.start.IsZero() && !inside(c.Due) {
		v.add(t, "due", "%s is outside the programme (%s to %s)", c.Due, sp.start, sp.end)
	}
	switch ctbot.Pace(c.Pace) {
	case "":
		ind.Pace = ctbot.PaceLinear
	case ctbot.PaceLinear, ctbot.PaceDue:
	default:
		v.add(t, "pace", "%q is not a pace; use \"linear\" or \"due\" (nothing expected before the due date)", c.Pace)
	}
	due := c.Due
	if due.IsZero() {
		due = sp.end
	}
	ind.Milestones = v.milestones(t, c.Milestones, sp, due, c.Baseline, c.Target)
	v.baselines(t, c, ind, known)
	ind.Continues = c.FromPrevious && sp.prev != nil && sp.prev.Indicator(c.Code) != nil
	ind.Revisions = v.revisions(t, sp, c, ind, known)
}

// milestones checks the intermediate targets of table t: in date order
// inside the phase and before the due date, each between the baseline and
// the target.
func (v *validator) milestones(t string, ms []MilestoneConfig, sp phaseSpan, due ctbot.Date, baseline float64, target *float64) []ctbot.Milestone {
	var out []ctbot.Milestone
	prev := sp.start
	for j, m := range ms {
		mt := fmt.Sprintf("%s.milestone[%d]", t, j)
		switch {
		case m.Date.IsZero():
			v.add(mt, "date", "is missing; give the date the value is due by, e.g. 2025-12-31")
		case m.Date.Before(sp.start) || m.Date.After(sp.end) || !m.Date.Before(due):
			v.add(mt, "date", "%s is not between the programme start %s and the due date %s", m.Date, sp.start, due)
		case !m.Date.After(prev):
			v.add(mt, "date", "%s is not after the milestone before it (%s); list milestones in date order", m.Date, prev)
		}
		if m.Value == nil {
			v.add(mt, "value", "is missing; give the value due by the date")
			continue
		}
		if target != nil && (*m.Value > *target || *m.Value < baseline) {
			v.add(mt, "value", "%v is not between the baseline %v and the target %v", *m.Value, baseline, *target)
		}
		if !m.Date.IsZero() {
			prev = m.Date
		}
		out = append(out, ctbot.Milestone{Date: m.Date, Value: *m.Value})
	}
	return out
}

// indicators checks a phase's [[indicator]] tables (sp.table names them).
func (v *validator) indicators(is []IndicatorConfig, sp phaseSpan, countries []*ctbot.Country) []*ctbot.Indicator {
	seen := map[string]string{}
	var out []*ctbot.Indicator
	for i, c := range is {
		t := fmt.Sprintf("%s[%d]", sp.table, i)
		v.inherit(t, &c, sp)
		if !indicatorCodeRE.MatchString(c.Code) {
			v.add(t, "code", "%q is not a code (lower-case letters, digits and hyphens, e.g. unsr-recs)", c.Code)
		} else if other, dup := seen[c.Code]; dup {
			v.add(t, "code", "%q is already used by %s on line %d", c.Code, v.name(other), v.lines[other])
		}
		seen[c.Code] = t
		if strings.TrimSpace(c.Title) == "" {
			v.add(t, "title", "is missing")
		}
		m := ctbot.Measure(c.Measure)
		if m != ctbot.MeasureCount && m != ctbot.MeasurePercent && m != ctbot.MeasureMilestone {
			v.add(t, "measure", "%q is not a measure; use \"count\", \"percent\" or \"milestone\"", c.Measure)
		}
		s := ctbot.Scope(c.Scope)
		if s != ctbot.ScopeEach && s != ctbot.ScopeProgramme {
			v.add(t, "scope", "%q is not a scope; use \"each\" (a target per country) or \"programme\"", c.Scope)
		}
		switch {
		case c.Target == nil:
			v.add(t, "target", "is missing; every indicator needs a target")
		case *c.Target <= c.Baseline:
			v.add(t, "target", "%v is not above the baseline %v", *c.Target, c.Baseline)
		case m == ctbot.MeasurePercent && *c.Target > 100:
			v.add(t, "target", "%v is over 100 for a percent indicator", *c.Target)
		}
		if c.Baseline < 0 {
			v.add(t, "baseline", "%v is negative", c.Baseline)
		}
		if m == ctbot.MeasureMilestone {
			if len(c.Stages) < 1 {
				v.add(t, "stages", "a milestone needs stages, e.g. [\"drafting\", \"validated\", \"adopted\"]")
			}
			for j, st := range c.Stages {
				if !stageRE.MatchString(st) {
					v.add(t, "stages", "%q is not a stage name (lower-case letters, digits and hyphens)", st)
				} else if slices.Contains(c.Stages[:j], st) {
					v.add(t, "stages", "%q is listed twice", st)
				}
			}
		} else if len(c.Stages) > 0 {
			v.add(t, "stages", "only milestone indicators have stages")
		}
		if c.Source != "" && (c.Source != ctbot.SourceTrainings || m != ctbot.MeasureCount || s != ctbot.ScopeEach) {
			v.add(t, "source", "%q is not a source; only \"trainings\" on a per-country count indicator", c.Source)
		}
		level := ctbot.Level(c.Level)
		switch level {
		case "":
			level = ctbot.LevelOutput
		case ctbot.LevelOutput, ctbot.LevelOutcome, ctbot.LevelImpact:
		default:
			v.add(t, "level", "%q is not a result level; use \"output\", \"outcome\" or \"impact\"", c.Level)
		}
		titles, short := indicatorTitles(c)
		stagesIn := v.translations(t, "stages", c.Stages, map[string][]string{"fr": c.StagesFR, "ru": c.StagesRU, "ar": c.StagesAR}, "")
		ind := &ctbot.Indicator{Code: c.Code, Title: c.Title, ShortTitle: c.ShortTitle, Titles: titles, ShortTitles: short, Measure: m, Scope: s, Baseline: c.Baseline,
			Stages: c.Stages, StagesIn: stagesIn, Source: c.Source,
			Countries: c.Countries, Targets: c.Targets, Due: c.Due, Pace: ctbot.Pace(c.Pace), Level: level,
			Verification: strings.TrimSpace(c.Verification)}
		if c.Target != nil {
			ind.Target = *c.Target
		}
		v.targets(t, sp, &c, ind, countries)
		v.logframe(t, sp, &c, ind)
		out = append(out, ind)
	}
	switch {
	case len(is) > 0:
	case sp.phase == "":
		v.add("", "indicator", "no [[indicator]] tables; list the result indicators")
	default:
		v.add(sp.phase, "indicator", "no [[phase.indicator]] tables; list the phase's result indicators")
	}
	return out
}
