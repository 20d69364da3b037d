// Package commands is ctbot's command core: it parses what people type after
// the slash command, checks who may do it, records entries through a Store
// and builds the replies as transport-neutral documents (package reply),
// in the words of the message catalogue (package locale). It knows nothing
// of Slack or SQL, so the console, slash commands, mentions, DMs and forms
// all share it.
package commands

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Store is all the core needs from storage (what storage.DB is); each
// part can also be given on its own (Options), so that a test can use a
// small fake where SQLite is not the point.
type Store interface {
	Entries
	Redactions
	Periods
	Exports
	Roles
	Settings
}

// Entries records, changes and reads entries.
type Entries interface {
	Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (earlier *ctbot.Entry, err error)
	// Earlier returns what an earlier delivery of the same action, or the
	// same command from the same user within window, recorded (or nil).
	Earlier(ctx context.Context, user, source string, keys []string, window time.Duration) (*ctbot.Entry, error)
	Amend(ctx context.Context, id int64, after *ctbot.Entry, actor, reason string, o ctbot.WriteOptions) (before *ctbot.Entry, err error)
	Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error)
	Entry(ctx context.Context, id int64) (*ctbot.Entry, error)
	Audit(ctx context.Context, id int64) ([]ctbot.AuditRecord, error)
	LatestByUser(ctx context.Context, user string, since time.Time) (*ctbot.Entry, error)
	History(ctx context.Context, f ctbot.EntryFilter) ([]*ctbot.Entry, error)
	CountHistory(ctx context.Context, f ctbot.EntryFilter) (int, error)
	// TrainingsNear returns the trainings in country held on a day from
	// from to to.
	TrainingsNear(ctx context.Context, country string, from, to ctbot.Date) ([]*ctbot.Entry, error)
	// Ledger returns an indicator's entries for one country, in force now.
	Ledger(ctx context.Context, indicator, country string) ([]*ctbot.Entry, error)
	// Verify and Redact are coordinators' changes to an entry: checked
	// against its evidence; its free text removed for good.
	Verify(ctx context.Context, id int64, actor, note string, o ctbot.WriteOptions) (*ctbot.Entry, error)
}

// Redactions remove free text for good.
type Redactions interface {
	Redact(ctx context.Context, id int64, actor, reason string, hash bool, o ctbot.WriteOptions) (*ctbot.Entry, error)
	// RedactPeriod removes the reasons given for a period's closes and
	// reopens; purged says whether their old copies left the log yet.
	RedactPeriod(ctx context.Context, period, actor, reason string, o ctbot.WriteOptions) (purged bool, err error)
	// SharingText returns up to limit entries, other than except, whose
	// free text holds any of texts: what a redaction offers to redact too.
	SharingText(ctx context.Context, texts []string, except []int64, limit int) ([]int64, error)
}

// Periods close and reopen reporting periods, and stream the entries
// a period's report is made of.
type Periods interface {
	// PeriodLog and LogPeriod read and append the closes and reopens of
	// reporting periods; a close keeps, in its transaction, what keep
	// makes of the entries in force at it.
	PeriodLog(ctx context.Context) ([]ctbot.PeriodEvent, error)
	LogPeriod(ctx context.Context, p ctbot.Period, action, actor, reason string, keep ctbot.KeepClose, o ctbot.WriteOptions) (ctbot.PeriodEvent, error)
	// KeptReport returns what a close kept of its period's report (found
	// false for a close that kept none); EntryVersion is one version of an
	// entry as stored now (redacted, if it was).
	KeptReport(ctx context.Context, ev ctbot.PeriodEvent) (k ctbot.KeptReport, found bool, err error)
	EntryVersion(ctx context.Context, id int64, version int) (*ctbot.Entry, error)
	// FrameworkLog and LogFramework read and append the versions of the
	// results framework; LogFramework logs one unless it is the latest.
	FrameworkLog(ctx context.Context) ([]ctbot.FrameworkVersion, error)
	LogFramework(ctx context.Context, framework []byte, hash, actor, source string,
		changes func(latest *ctbot.FrameworkVersion) ([]ctbot.FrameworkChange, error)) (ctbot.FrameworkVersion, bool, error)
	// AfterCloseChanges returns the audit rows of changes made in a closed
	// period to entries dated from..to.
	AfterCloseChanges(ctx context.Context, from, to ctbot.Date) ([]ctbot.AuditRecord, error)
	// EachKnownAt streams the entries in force at t, as they were then, in
	// value order: those of kinds dated up to through (zero: no limit).
	EachKnownAt(ctx context.Context, t time.Time, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error
	// EachAtClose is EachKnownAt as of a close: what was committed before
	// it, in the order of commits, whatever the clock said.
	EachAtClose(ctx context.Context, ev ctbot.PeriodEvent, kinds []ctbot.Kind, through ctbot.Date, fn func(*ctbot.Entry) error) error
}

// Exports stream entries and their audit rows.
type Exports interface {
	// EachEntry and EachAudit stream the entries dated from..to (zero:
	// open; current versions, retracted ones too) and their audit rows,
	// for exports.
	EachEntry(ctx context.Context, from, to ctbot.Date, fn func(*ctbot.Entry) error) error
	EachAudit(ctx context.Context, from, to ctbot.Date, fn func(ctbot.AuditRecord) error) error
}

// Roles are the roles granted in Slack and their log.
type Roles interface {
	// Grants are the roles given in Slack; Grant, Revoke and
	// LogAccessRequest change them and log each change, once per action;
	// RoleLog reads the latest of those changes, newest first.
	Grants(ctx context.Context) ([]ctbot.Grant, error)
	Grant(ctx context.Context, g ctbot.Grant, o ctbot.WriteOptions) (ctbot.Grant, error)
	Revoke(ctx context.Context, user string, role ctbot.Role, country, actor string, o ctbot.WriteOptions) (ctbot.Grant, error)
	LogAccessRequest(ctx context.Context, user string, since time.Time, o ctbot.WriteOptions) error
	RoleLog(ctx context.Context, limit int) ([]ctbot.RoleChange, error)
}

// Settings are what people chose: their language, reminders put off.
type Settings interface {
	// Languages are the languages people chose; SetLanguage records a
	// choice (and logs it), once per action.
	Languages(ctx context.Context) (map[string]string, error)
	SetLanguage(ctx context.Context, user, lang string, o ctbot.WriteOptions) (string, error)
	// Snooze records that actor asked to be reminded of event series
	// again on day on ("Remind me next week").
	Snooze(ctx context.Context, series int64, on ctbot.Date, actor string, o ctbot.WriteOptions) error
}

// Figures are the programme's figures, as known at any instant (package
// figures).
type Figures interface {
	// Current is the snapshot of now: every change committed.
	Current(ctx context.Context) (*ctbot.Snapshot, error)
	// Snapshot is that of the phase in force at asOf; PhaseSnapshot that
	// of a given phase.
	Snapshot(ctx context.Context, asOf time.Time) (*ctbot.Snapshot, error)
	PhaseSnapshot(ctx context.Context, phase *ctbot.Framework, asOf time.Time) (*ctbot.Snapshot, error)
	WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error)
	// EntriesAt returns entries of kind recorded in (since, until] as they
	// were at until, newest first.
	EntriesAt(ctx context.Context, kind ctbot.Kind, since, until time.Time, limit int) ([]*ctbot.Entry, error)
	// EntriesBefore returns the entries recorded in (since, until] about
	// a day before day before, as they were at until, by value date: what
	// was reported late.
	EntriesBefore(ctx context.Context, before ctbot.Date, since, until time.Time, limit int) ([]*ctbot.Entry, error)
	// Series returns the latest entry of each kick-off or workshop series
	// of a country, newest first.
	Series(ctx context.Context, kind ctbot.Kind, country string) ([]*ctbot.Entry, error)
	// Query is the figures of any subset of the entries as known at an
	// instant.
	Query(ctx context.Context, q ctbot.Query, at time.Time) (*ctbot.Result, error)
}

// Source is where a request came from.
type Source int

// Request sources.
const (
	FromConsole Source = iota
	FromSlash
	FromMention
	FromDM
	FromModal
	FromButton
)

// Request is one command, however it arrived.
type Request struct {
	UserID    string
	ChannelID string
	Text      string // what follows the slash command, e.g. "status kenya"
	// Mentions are the people Text mentions, as each mention reads in it
	// ("@kofi") to their user ID: the transport turns its markup into
	// text as the person saw it, and commands that take people read them
	// here. Text may also hold a mention as Slack's markup (<@U123>).
	Mentions map[string]string
	Source   Source
	// Keys identify the user action this request comes from (a Slack
	// trigger ID, envelope ID, or a hash of the signed body): a write is
	// carried out once per action, however often it is delivered.
	Keys []string
	// Series is the event (kick-off or workshop series) a reminder's
	// answer is about: the entry recorded continues it, and it must be open.
	Series int64
	// SettleLanguage is the language of the reminder an answer updates
	// (a channel's reads the digest's); "" for the person's own.
	SettleLanguage string
}

// Options configure a Core.
type Options struct {
	Framework *ctbot.Framework
	Access    ctbot.Access
	// Store is every part at once; a part given on its own overrides it.
	Store      Store
	Entries    Entries
	Redactions Redactions
	Periods    Periods
	Exports    Exports
	Roles      Roles
	Settings   Settings
	Figures    Figures
	Now        func() time.Time
	Log        *slog.Logger
	Command    string // the slash command, default "/ct"
	// LookaheadDays is how far ahead "upcoming" looks (default 14).
	LookaheadDays int
	// QuietAfterDays is when a country counts as quiet (default 21).
	QuietAfterDays int
	// Catalog holds the messages; default the built-in one.
	Catalog *locale.Catalog
	// DigestLanguage is the language of the posted digest (default the
	// programme's).
	DigestLanguage string
	// Admits is nil when ctbot would admit user (a person of the
	// workspace), else why not, wrapping ctbot.NotAdmitted: nobody
	// else is given a role. Nil admits everyone (the console).
	Admits func(ctx context.Context, user string) error
	// MaxExports is how many exports may be made at once (default 2); one
	// person has at most one made or waiting.
	MaxExports int
}

// Core runs commands. It is safe for concurrent use.
type Core struct {
	fw         *ctbot.Framework
	access     atomic.Pointer[ctbot.Access] // the configuration's; SetAccess replaces it
	entries    Entries
	redactions Redactions
	periods    Periods
	exports    Exports
	roles      Roles
	settings   Settings
	figures    Figures
	now        func() time.Time
	log        *slog.Logger
	command    string
	lookahead  int
	quiet      int
	cat        *locale.Catalog
	commands   []*Command
	langs      languages
	granted    atomic.Pointer[[]ctbot.Grant] // the grants last read, for defaults
	digest     string                        // the posted digest's language
	admits     func(ctx context.Context, user string) error
	limits     limiter // per person, on what costs the most
	words      vocabulary
	// indicatorWords index each phase's indicators by the words of their
	// titles.
	indicatorWords map[*ctbot.Framework]map[string][]*ctbot.Indicator
	// statePhrases are the states' names as questions read them.
	statePhrases map[*ctbot.Country][]phrase
	queue        *exportQueue
}

// Limits on input.
const (
	// MaxInput is the longest command text accepted, in characters.
	MaxInput = 8000
	// DedupeWindow is how long the same text from the same user counts as a retry.
	DedupeWindow = 2 * time.Minute
	// UndoWindow is how long after recording a user may undo an entry.
	UndoWindow = 24 * time.Hour
)

// New returns a Core.
func New(o Options) *Core {
	c := &Core{fw: o.Framework, figures: o.Figures,
		entries: or(o.Entries, o.Store), redactions: or(o.Redactions, o.Store), periods: or(o.Periods, o.Store),
		exports: or(o.Exports, o.Store), roles: or(o.Roles, o.Store), settings: or(o.Settings, o.Store), now: o.Now, log: o.Log,
		command: o.Command, lookahead: o.LookaheadDays, quiet: o.QuietAfterDays, cat: o.Catalog, admits: o.Admits}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = discardLogger
	}
	if c.command == "" {
		c.command = "/ct"
	}
	if c.lookahead <= 0 {
		c.lookahead = 14
	}
	if c.quiet <= 0 {
		c.quiet = 21
	}
	if c.cat == nil {
		c.cat = locale.Default()
	}
	c.SetAccess(o.Access)
	c.commands = definitions()
	c.digest = cmp.Or(o.DigestLanguage, c.fw.Language, locale.Source)
	c.words = newVocabulary(c.cat).withPillars(c.fw.Readiness)
	c.indicatorWords = map[*ctbot.Framework]map[string][]*ctbot.Indicator{}
	for _, p := range c.fw.PhaseList() {
		c.indicatorWords[p] = indicatorWords(p, c.words)
	}
	c.statePhrases = statePhrases(c.fw)
	c.queue = &exportQueue{limit: cmp.Or(max(o.MaxExports, 0), 2)}
	return c
}

// or is part, or else the whole store (which has every part).
func or[T any](part T, store Store) T {
	if any(part) != nil {
		return part
	}
	if p, ok := any(store).(T); ok {
		return p
	}
	return part
}

// Figures are the figures the core answers with.
func (c *Core) Figures() Figures { return c.figures }

// Catalog holds the messages in every language.
func (c *Core) Catalog() *locale.Catalog { return c.cat }

// Command is the slash command, e.g. "/ct".
func (c *Core) Command() string { return c.command }

// Framework is the results framework the core works with.
func (c *Core) Framework() *ctbot.Framework { return c.fw }

// Loc is the localizer for user: the language they read.
func (c *Core) Loc(user string) *locale.Loc { return c.cat.For(c.Language(user)) }

// Handle runs one request and always returns a reply; a panic in a command
// is logged and answered with an error message, never passed on.
func (c *Core) Handle(ctx context.Context, req Request) (r Reply) {
	var cmd *Command
	ac := c.accessNow(ctx) // read first: a focal point granted in Slack reads their state's language
	l := c.Loc(req.UserID)
	defer c.finish(ctx, l, &cmd, &r)
	text := ctbot.CleanText(req.Text)
	if err := checkInput(text); err != nil {
		return c.errorReply(ctx, l, nil, err)
	}
	name, rest, _ := strings.Cut(text, " ")
	if name == "" {
		name = "help"
	}
	cmd, ask := c.route(strings.TrimSpace(name + " " + rest))
	if ask {
		// "/ct how is kenya doing?", "/ct readiness scores?" as a mention
		// would be: routed once.
		return c.askRouted(ctx, req, strings.TrimSpace(withoutMentions(req.Text, req.Mentions)))
	}
	if cmd == nil {
		return c.errorReply(ctx, l, nil, c.unknownCommand(name))
	}
	if r, limited := c.limited(req, l, cmd); limited {
		return r
	}
	if cmd.Form != "" && strings.TrimSpace(rest) == "" && req.Source == FromSlash {
		return Reply{Form: &Form{Kind: cmd.Form}, Doc: reply.Doc{reply.Para{Text: l.T("form.opening", "Kind", locale.M("form.kind."+cmd.Form))}}}
	}
	call := c.newCallWith(req, cmd, l, ac)
	call.args = &args{raw: rest, toks: tokenize(rest), words: c.words}
	if cmd.Effect == nothingRecorded {
		opts, err := call.args.takeAnywhere(evidenceKeys...)
		if err == nil {
			call.evidence, err = evidenceOf(opts)
		}
		if err != nil {
			return c.errorReply(ctx, l, cmd, err)
		}
	}
	r, err := cmd.run(ctx, c, call)
	if err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	r.Shareable = cmd.Figures || r.Public
	return r
}

// Submit records in, an entry given by a form or a reminder's answer, for
// the person of req: the same permissions, checks and answer as the
// command of its kind, typed.
func (c *Core) Submit(ctx context.Context, req Request, in Input) Reply {
	return c.serve(ctx, req, string(in.kind()), func(call *call) (Reply, error) { return c.record(ctx, call, in) })
}

// SubmitEdit amends entry id with in, the values of its Edit form, and
// reason: the same permissions, checks and answer as `amend`.
func (c *Core) SubmitEdit(ctx context.Context, req Request, id int64, in Input, reason string) Reply {
	return c.serve(ctx, req, "amend", func(call *call) (Reply, error) { return c.amendWith(ctx, call, id, in, reason) })
}

// serve runs command name for req by run, as Handle runs a command: within
// the person's limits, a refusal or a panic answered in words.
func (c *Core) serve(ctx context.Context, req Request, name string, run func(*call) (Reply, error)) (r Reply) {
	cmd := c.lookup(name)
	ac := c.accessNow(ctx)
	l := c.Loc(req.UserID)
	defer c.finish(ctx, l, &cmd, &r)
	if r, limited := c.limited(req, l, cmd); limited {
		return r
	}
	r, err := run(c.newCallWith(req, cmd, l, ac))
	if err != nil {
		return c.errorReply(ctx, l, cmd, err)
	}
	return r
}

// limited is the answer to a request over its person's limit on its
// command's class (the console has none).
func (c *Core) limited(req Request, l *locale.Loc, cmd *Command) (Reply, bool) {
	if class, lim, ok := limitOf(cmd); ok && req.Source != FromConsole {
		if wait, ok := c.limits.take(req.UserID, class, lim, c.now()); !ok {
			return c.slowDown(l, cmd, wait), true
		}
	}
	return Reply{}, false
}

// finish completes the reply r of command *cmd (nil: none recognised): a
// panic answered as an error, never passed on; the command and outcome
// named for transports to count.
func (c *Core) finish(ctx context.Context, l *locale.Loc, cmd **Command, r *Reply) {
	if p := recover(); p != nil {
		*r = c.errorReply(ctx, l, *cmd, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
	}
	if r.Command == "" {
		r.Command = "unknown"
		if *cmd != nil {
			r.Command = (*cmd).Name
		}
	}
	if r.Outcome == "" {
		r.Outcome = "ok"
	}
}

func (c *Core) newCall(ctx context.Context, req Request, cmd *Command, l *locale.Loc) *call {
	return c.newCallWith(req, cmd, l, c.accessNow(ctx))
}

// newCallWith is newCall with the roles already read.
func (c *Core) newCallWith(req Request, cmd *Command, l *locale.Loc, ac ctbot.Access) *call {
	now := c.now()
	return &call{req: req, cmd: cmd, now: now, today: c.fw.Today(now), l: l, args: &args{}, access: ac}
}

// commandText is the text of a command, as typed after the slash command:
// long enough for an Edit form's every field at its cap (the note's 3000
// characters, the title's, the source's, a link and a reason), in
// characters, whatever the script.
var commandText = ctbot.TextField{Name: "command", Max: MaxInput, Lines: true}

// checkInput refuses text that cannot be a command: too long, not UTF-8,
// or holding characters ctbot never stores (ctbot.CheckChars).
func checkInput(text string) error { return commandText.Check(text) }

func (c *Core) lookup(name string) *Command {
	name = strings.ToLower(c.words.command(name))
	for _, cmd := range c.commands {
		if cmd.Name == name || contains(cmd.Aliases, name) {
			return cmd
		}
	}
	return nil
}

func (c *Core) unknownCommand(name string) error {
	var names []string
	for _, cmd := range c.commands {
		names = append(names, cmd.Name)
	}
	if sug := ctbot.Suggest(name, names); len(sug) > 0 {
		return refused("err.unknown_command_suggest", "Cmd", c.command, "Name", name, "List", codeList(sug))
	}
	return refused("err.unknown_command", "Cmd", c.command, "Name", name)
}

// call is one command being run.
type call struct {
	req   Request
	cmd   *Command
	args  *args
	now   time.Time
	today ctbot.Date
	l     *locale.Loc
	// updates is the workshop series a recorded entry continues, if any.
	updates *ctbot.Entry
	// flags are what the checks of a recorded entry want said in the reply.
	flags []reply.Inline
	// evidence is what a recording command was given as its evidence
	// (source=, link=) and reason=, wherever in it they were.
	evidence Evidence
	// access is who may do what, as the call starts: the configuration
	// and the roles granted in Slack.
	access ctbot.Access
	// authority is what the permissions checked rest on, where roles
	// granted in Slack give them (see may): the call's writes carry it.
	authority []ctbot.Authority
}

// user is the caller's Slack user ID.
func (c *call) user() string { return c.req.UserID }

// write are the options of a write made for this call: the same action
// delivered twice is carried out once.
func (c *call) write() ctbot.WriteOptions {
	return ctbot.WriteOptions{Keys: c.req.Keys, Authority: c.authority}
}

// noMoreArgs refuses words the command did not expect.
func (c *call) noMoreArgs() error {
	if t, ok := c.args.peek(); ok {
		return badInput("err.unexpected", "Text", Truncate(c.args.raw[t.start:], 40))
	}
	return nil
}

// Truncate shortens s to at most n bytes with an ellipsis, on a rune
// boundary. It is for previews only; answers are split, never cut.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
