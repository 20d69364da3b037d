package commands

import (
	"context"
	"strings"

	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// Command is one /ct command, declared as data. Its words (argument
// synopsis, summary, details, examples) are in the message catalogue
// under help.<name>, and help and usage messages are generated from them.
type Command struct {
	Name    string
	Aliases []string
	// Effect is what a refused request of this command did not do, said
	// after the reason: "Nothing was recorded." ("" for commands that
	// change nothing).
	Effect string
	// Form is the entry type of the form Slack opens when the command
	// comes with no arguments ("" for none).
	Form string
	// Who is who may use it, to list it first in their help.
	Who audience
	// Figures is set for a command whose answers are the programme's
	// figures only (Reply.Shareable).
	Figures bool
	run     func(ctx context.Context, c *Core, call *call) (Reply, error)
}

// Effects of a refused request.
const (
	nothingRecorded = "err.nothing_recorded"
	nothingChanged  = "err.nothing_changed"
)

// Writes reports whether the command records or changes entries.
func (cmd *Command) Writes() bool { return cmd.Effect != "" }

// Commands lists the command definitions, in help order.
func (c *Core) Commands() []*Command { return c.commands }

func definitions() []*Command {
	return []*Command{
		{Name: "log", Aliases: []string{"note", "update"}, Effect: nothingRecorded, Form: "log", Who: recorders, run: runLog},
		{Name: "kickoff", Aliases: []string{"kick-off"}, Effect: nothingRecorded, Form: "kickoff", Who: recorders, run: runKickoff},
		{Name: "workshop", Effect: nothingRecorded, Form: "workshop", Who: recorders, run: runWorkshop},
		{Name: "training", Aliases: []string{"train"}, Effect: nothingRecorded, Form: "training", Who: recorders, run: runTraining},
		{Name: "indicator", Aliases: []string{"ind"}, Effect: nothingRecorded, Who: recorders, run: runIndicator},
		{Name: "readiness", Aliases: []string{"benchmark"}, Effect: nothingRecorded, Who: recorders, run: runReadiness},
		{Name: "new", Who: recorders, run: runNew},
		{Name: "status", Aliases: []string{"stat", "overview"}, Who: readers, Figures: true, run: runStatus},
		{Name: "digest", Who: readers, run: runDigest},
		{Name: "history", Who: readers, run: runHistory},
		{Name: "undo", Effect: nothingChanged, Who: recorders, run: runUndo},
		{Name: "amend", Aliases: []string{"correct", "edit"}, Effect: nothingChanged, Who: recorders, run: runAmend},
		{Name: "retract", Effect: nothingChanged, Who: recorders, run: runRetract},
		{Name: "audit", Who: readers, run: runAudit},
		{Name: "verify", Effect: nothingChanged, Who: coordinators, run: runVerify},
		{Name: "redact", Effect: nothingChanged, Who: coordinators, run: runRedact},
		{Name: "period", Aliases: []string{"periods"}, Effect: nothingChanged, Who: readers, run: runPeriod},
		{Name: "report", Aliases: []string{"logframe"}, Who: readers, run: runReport},
		{Name: "export", Who: exporters, run: runExport},
		{Name: "access", Effect: nothingChanged, Who: coordinators, run: runAccess},
		{Name: "whoami", run: runWhoami},
		{Name: "lang", Aliases: []string{"language"}, Effect: nothingChanged, run: runLang},
		{Name: "help", Aliases: []string{"?", "commands"}, run: runHelp},
	}
}

// usage is the synopsis of cmd, e.g. "/ct retract <id> <reason>".
func (c *Core) usage(l *locale.Loc, cmd *Command) string {
	return strings.TrimSpace(c.command + " " + cmd.Name + " " + optional(l, "help."+cmd.Name+".args"))
}

// optional is a message that may be "-" in the catalogue, meaning none
// (go-i18n has no empty messages).
func optional(l *locale.Loc, id string) string {
	if s := l.S(id); s != "-" {
		return s
	}
	return ""
}

// examples are cmd's examples as typed, without the slash command.
func examples(l *locale.Loc, cmd *Command) []string {
	return strings.Split(strings.TrimSpace(l.S("help."+cmd.Name+".examples")), "\n")
}

// usageText is the usage and first example of cmd, for error replies.
func (c *Core) usageText(l *locale.Loc, cmd *Command) reply.Inline {
	return l.T("help.usage_example", "Usage", c.usage(l, cmd), "Example", c.command+" "+examples(l, cmd)[0])
}

func runHelp(_ context.Context, c *Core, call *call) (Reply, error) {
	l := call.l
	if t, ok := call.args.next(); ok {
		cmd := c.lookup(t.text)
		if cmd == nil {
			return Reply{}, c.unknownCommand(t.text)
		}
		doc := reply.Doc{
			reply.Para{Text: reply.Lines(l.T("help.summary_line", "Summary", l.T("help."+cmd.Name+".summary")),
				reply.Styled(c.usage(l, cmd), reply.Code))},
		}
		if d := optional(l, "help."+cmd.Name+".details"); d != "" {
			courses := reply.Plain(c.courseCodes())
			if len(c.fw.Courses) == 0 {
				courses = l.T("help.no_courses")
			}
			doc = append(doc, reply.Para{Text: l.T("help."+cmd.Name+".details", "Courses", courses, "Topics", codeWords{Names: c.fw.TopicNames, Codes: c.fw.Topics})})
		}
		if len(cmd.Aliases) > 0 {
			doc = append(doc, reply.Para{Text: l.T("help.aliases", "List", joined(cmd.Aliases))})
		}
		var exs []reply.Inline
		for _, ex := range examples(l, cmd) {
			exs = append(exs, reply.Styled(c.command+" "+ex, reply.Code))
		}
		doc = append(doc, reply.List{Title: l.T("help.examples"), Items: exs})
		return Reply{Doc: doc}, nil
	}
	var yours, others []reply.Inline
	for _, cmd := range c.commands {
		line := l.T("help.command_line", "Usage", c.usage(l, cmd), "Summary", l.T("help."+cmd.Name+".summary"))
		if c.mayUse(call.access, call.user(), cmd) {
			yours = append(yours, line)
		} else {
			others = append(others, line)
		}
	}
	doc := reply.Doc{reply.Heading{Text: l.T("help.title", "Programme", c.fw.Name)}, reply.List{Title: l.T("help.yours"), Items: yours}}
	if len(others) > 0 {
		doc = append(doc, reply.List{Title: l.T("help.others", "Cmd", c.command), Items: others})
	}
	doc = append(doc, reply.Para{Text: l.T("help.questions", "Cmd", c.command)})
	return Reply{Doc: append(doc, reply.Note{Text: l.T("help.footer", "Cmd", c.command)})}, nil
}

// FormKinds are the entry types the Slack form records.
var FormKinds = []string{"log", "kickoff", "workshop", "training"}

func runNew(_ context.Context, c *Core, call *call) (Reply, error) {
	kind := "log"
	if t, ok := call.args.next(); ok {
		kind = strings.ToLower(t.text)
		if !contains(FormKinds, kind) {
			return Reply{}, badInput("err.no_form", "Kind", t.text, "List", joined(FormKinds))
		}
	}
	return Reply{Form: &Form{Kind: kind}, Doc: reply.Doc{reply.Para{Text: call.l.T("form.opening", "Kind", locale.M("form.kind."+kind))}}}, nil
}

func runDigest(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	phase, err := c.phaseOption(call)
	if err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	return c.digestOf(ctx, call.now, call.l.Lang(), phase) // a preview, in the reader's language
}
