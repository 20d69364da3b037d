// Package config loads and validates ctbot's TOML configuration: the results
// framework (countries, indicators, timeline) and how the bot runs.
package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
)

// DefaultName is how the built-in configuration is named in messages.
const DefaultName = "built-in config.example.toml"

// Config is a loaded and validated configuration. Keys missing from the
// file keep the defaults set by defaults().
type Config struct {
	Programme  Programme         `toml:"programme"`
	Storage    Storage           `toml:"storage"`
	Slack      Slack             `toml:"slack"`
	Access     ctbot.Access      `toml:"access"`
	Digest     Digest            `toml:"digest"`
	Reminders  Reminders         `toml:"reminders"`
	Log        Log               `toml:"log"`
	Metrics    Metrics           `toml:"metrics"`
	Reporting  Reporting         `toml:"reporting"`
	Retention  Retention         `toml:"retention"`
	Backup     Backup            `toml:"backup"`
	IATI       IATI              `toml:"iati"`
	Countries  []CountryConfig   `toml:"country"`
	Indicators []IndicatorConfig `toml:"indicator"`
	Training   Training          `toml:"training"`
	Courses    []CourseConfig    `toml:"course"`
	Readiness  Readiness         `toml:"readiness"`
	// Phases are the programme's next phases, after the one [programme]
	// and [[indicator]] describe, in date order.
	Phases []PhaseConfig `toml:"phase"`

	// Framework is the results framework built from [programme], [[country]]
	// and [[indicator]].
	Framework *ctbot.Framework `toml:"-"`
	// Source names where the configuration came from.
	Source string `toml:"-"`
}

// Programme is the [programme] table.
type Programme struct {
	Name     string     `toml:"name"`
	Language string     `toml:"language"` // ctbot's language for people who chose none (default en)
	Start    ctbot.Date `toml:"start"`
	End      ctbot.Date `toml:"end"`
	Timezone string     `toml:"timezone"`
	// Extensions move the end from a date on, in date order.
	Extensions []ExtensionConfig `toml:"extension"`
}

// ExtensionConfig is one [[programme.extension]] (or [[phase.extension]])
// table: from day From on, the end is End.
type ExtensionConfig struct {
	From ctbot.Date `toml:"from"`
	End  ctbot.Date `toml:"end"`
}

// PhaseConfig is one [[phase]] table: a next phase of the programme in the
// same deployment, with its dates, IATI activity and indicators.
type PhaseConfig struct {
	Name           string            `toml:"name"`
	Start          ctbot.Date        `toml:"start"`
	End            ctbot.Date        `toml:"end"`
	IATIIdentifier string            `toml:"iati_identifier"`
	Extensions     []ExtensionConfig `toml:"extension"`
	Indicators     []IndicatorConfig `toml:"indicator"`
}

// Storage is the [storage] table.
type Storage struct {
	Path string `toml:"path"`
}

// Slack configures the Slack transports. Tokens are never in the file.
type Slack struct {
	Mode    string `toml:"mode"`
	Listen  string `toml:"listen"`
	APIURL  string `toml:"api_url"`
	Command string `toml:"command"`
	// Optional files holding the secrets, for deployments that mount them
	// (Docker secrets, systemd credentials). The environment variables win.
	BotTokenFile      string `toml:"bot_token_file"`
	AppTokenFile      string `toml:"app_token_file"`
	SigningSecretFile string `toml:"signing_secret_file"`
	// AllowedTeams are other workspaces (T…) of the same Enterprise Grid
	// organisation whose people may use ctbot; its own workspace always may.
	AllowedTeams []string `toml:"allowed_teams"`
	// ExternalUsers are people of other organisations (Slack Connect)
	// who may use ctbot, by user ID.
	ExternalUsers []string `toml:"external_users"`
}

// Metrics is the [metrics] table: where Prometheus metrics are served.
type Metrics struct {
	// Listen is the address of /metrics, apart from Slack's request URLs;
	// empty disables it.
	Listen string `toml:"listen"`
}

// Digest configures the weekly digest and the nudges of quiet countries.
type Digest struct {
	Schedule       string `toml:"schedule"`
	Channel        string `toml:"channel"`
	DMCoordinators bool   `toml:"dm_coordinators"`
	LookaheadDays  int    `toml:"lookahead_days"`
	QuietAfterDays int    `toml:"quiet_after_days"`
	CatchUpHours   int    `toml:"catch_up_hours"`
	Language       string `toml:"language"` // of the posted digest (default the programme's)
}

// Reminders is the [reminders] table: event reminders, overdue questions
// and nudges of quiet countries, sent on the daily schedule.
type Reminders struct {
	Schedule   string `toml:"schedule"`
	DaysBefore []int  `toml:"days_before"`
}

// Reporting is the [reporting] table: the length of reporting periods.
type Reporting struct {
	Period string `toml:"period"`
}

// Retention is the [retention] table: how long free text is kept.
type Retention struct {
	// FreeTextDays, if above 0, is the age after which the daily job
	// redacts an entry's free text (notes, titles); 0 keeps it.
	FreeTextDays int `toml:"free_text_days"`
}

// Training is the [training] table: the topics courses are about.
type Training struct {
	Topics []string `toml:"topics"`
	// The topics' names in other languages (as many as topics'); without
	// them, the catalogue's ([topic] osint = "…").
	TopicsFR []string `toml:"topics_fr"`
	TopicsRU []string `toml:"topics_ru"`
	TopicsAR []string `toml:"topics_ar"`
}

// CourseConfig is one [[course]] table of the catalogue.
type CourseConfig struct {
	Code  string `toml:"code"`
	Title string `toml:"title"`
	Topic string `toml:"topic"`
	Level string `toml:"level"`
	// Its title in the other languages (title_fr = "…").
	TitleFR string `toml:"title_fr"`
	TitleRU string `toml:"title_ru"`
	TitleAR string `toml:"title_ar"`
}

// Readiness is the [readiness] table: the benchmark's pillars, and a label
// for each level of its scale (from 0).
type Readiness struct {
	Pillars []string `toml:"pillars"`
	Scale   []string `toml:"scale"`
	// The scale's labels in other languages (as many as scale's).
	ScaleFR []string `toml:"scale_fr"`
	ScaleRU []string `toml:"scale_ru"`
	ScaleAR []string `toml:"scale_ar"`
	// The pillars' names in other languages (as many as pillars');
	// without them, the catalogue's ([pillar] policy = "…").
	PillarsFR []string `toml:"pillars_fr"`
	PillarsRU []string `toml:"pillars_ru"`
	PillarsAR []string `toml:"pillars_ar"`
}

// Log is the [log] table.
type Log struct {
	Format string `toml:"format"`
	Level  string `toml:"level"`
}

// CountryConfig is one [[country]] table.
type CountryConfig struct {
	Code        string   `toml:"code"`
	Name        string   `toml:"name"`
	Aliases     []string `toml:"aliases"`
	FocalPoints []string `toml:"focal_points"`
	Language    string   `toml:"language"` // its focal points' default language
	// Its name in the other languages, where the catalogue's is not the
	// one wanted (name_fr = "Côte d'Ivoire").
	NameFR string `toml:"name_fr"`
	NameRU string `toml:"name_ru"`
	NameAR string `toml:"name_ar"`
	// Timezone (IANA; default programme.timezone), Weekend (day names,
	// default ["SAT", "SUN"]) and Holidays: the state's working week, on
	// which its reminders and nudges go out at the local hour.
	Timezone string       `toml:"timezone"`
	Weekend  []string     `toml:"weekend"`
	Holidays []ctbot.Date `toml:"holidays"`
	// Withdrawn is the day the state left the programme.
	Withdrawn ctbot.Date `toml:"withdrawn"`
}

// IndicatorConfig is one [[indicator]] table; Target is nil when missing.
type IndicatorConfig struct {
	Code       string `toml:"code"`
	Title      string `toml:"title"`
	ShortTitle string `toml:"short_title"`
	// Titles and short titles in the other languages (title_fr = "…");
	// without them, the default ones.
	TitleFR      string   `toml:"title_fr"`
	TitleRU      string   `toml:"title_ru"`
	TitleAR      string   `toml:"title_ar"`
	ShortTitleFR string   `toml:"short_title_fr"`
	ShortTitleRU string   `toml:"short_title_ru"`
	ShortTitleAR string   `toml:"short_title_ar"`
	Measure      string   `toml:"measure"`
	Scope        string   `toml:"scope"`
	Target       *float64 `toml:"target"`
	Baseline     float64  `toml:"baseline"`
	Stages       []string `toml:"stages"`
	// The stages' names in other languages (as many as stages').
	StagesFR   []string           `toml:"stages_fr"`
	StagesRU   []string           `toml:"stages_ru"`
	StagesAR   []string           `toml:"stages_ar"`
	Source     string             `toml:"source"`
	Countries  []string           `toml:"countries"`
	Targets    map[string]float64 `toml:"targets"`
	Due        ctbot.Date         `toml:"due"`
	Pace       string             `toml:"pace"`
	Milestones []MilestoneConfig  `toml:"milestone"`
	// Level is the result level ("output", "outcome" or "impact");
	// Verification the means of verification the logframe gives.
	Level        string `toml:"level"`
	Verification string `toml:"verification"`
	// Result is the result statement the indicator measures (ResultFR …
	// in the other languages); BaselineYear the year of the baseline
	// (default the programme start's); Assumptions what the result
	// depends on that the programme does not control.
	Result       string `toml:"result"`
	ResultFR     string `toml:"result_fr"`
	ResultRU     string `toml:"result_ru"`
	ResultAR     string `toml:"result_ar"`
	BaselineYear int    `toml:"baseline_year"`
	Assumptions  string `toml:"assumptions"`
	// Baselines are per-state baselines (scope "each"); FromPrevious, in a
	// [[phase]], carries on the previous phase's indicator of the same
	// code: its value at that phase's end is the baseline, and the keys
	// left out are that indicator's.
	Baselines    map[string]float64 `toml:"baselines"`
	FromPrevious bool               `toml:"from_previous"`
	// Revisions change the targets from a date on.
	Revisions []RevisionConfig `toml:"revision"`
}

// RevisionConfig is one [[indicator.revision]] table: targets revised from
// day From on (what is measured before keeps those then in force).
type RevisionConfig struct {
	From       ctbot.Date         `toml:"from"`
	Target     *float64           `toml:"target"`
	Targets    map[string]float64 `toml:"targets"`
	Due        ctbot.Date         `toml:"due"`
	Milestones []MilestoneConfig  `toml:"milestone"`
}

// MilestoneConfig is one [[indicator.milestone]] table: an intermediate
// target, value due by date.
type MilestoneConfig struct {
	Date  ctbot.Date `toml:"date"`
	Value *float64   `toml:"value"`
}

// defaults returns a Config holding the value of every optional key.
func defaults() *Config {
	c := &Config{}
	c.Programme.Timezone = "Europe/Brussels"
	c.Programme.Language = locale.Source
	c.Storage.Path = "ctbot.db"
	c.Slack = Slack{Mode: "socket", Command: "/ct"} // no listener unless http mode asks
	c.Digest = Digest{Schedule: "0 8 * * MON", LookaheadDays: 14, QuietAfterDays: 21, CatchUpHours: 24}
	c.Reminders = Reminders{Schedule: "0 9 * * *", DaysBefore: []int{7, 1}}
	c.Log = Log{Format: "text", Level: "info"}
	c.Metrics = Metrics{Listen: "127.0.0.1:9464"}
	c.Reporting = Reporting{Period: string(ctbot.Quarter)}
	c.Backup = Backup{Schedule: "30 2 * * *", KeepDaily: 7, KeepWeekly: 4}
	return c
}

var decodeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// Load reads and validates the configuration at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Default returns the built-in configuration (config.example.toml).
func Default() *Config {
	c, err := Parse(DefaultName, ctbot.DefaultConfig)
	if err != nil {
		panic(fmt.Sprintf("the built-in configuration is invalid: %v", err))
	}
	return c
}

// Parse decodes and validates a TOML document; name is used in messages.
// The error lists every problem found, each with its line and key.
func Parse(name string, data []byte) (*Config, error) {
	cfg := defaults()
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Source: name, Problems: []Problem{{Line: pe.Position.Line, Key: pe.LastKey, Msg: pe.Message}}}
		}
		// Type mismatches come as "toml: line N (last key "k"): message".
		if m := decodeErrRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &Error{Source: name, Problems: []Problem{{Line: line, Key: m[2], Msg: m[3]}}}
		}
		return nil, &Error{Source: name, Problems: []Problem{{Msg: err.Error()}}}
	}
	v := &validator{lines: locate(string(data)), names: tableNames(cfg)}
	for _, k := range md.Undecoded() {
		v.unknownKey(k)
	}
	v.validate(cfg)
	if len(v.problems) > 0 {
		return nil, &Error{Source: name, Problems: v.sorted()}
	}
	cfg.Source = name
	return cfg, nil
}

// Location is the programme's time zone.
func (c *Config) Location() *time.Location { return c.Framework.Location }
