package commands

import (
	"context"
	"fmt"
	"strings"
)

// Command is one /ct command, declared as data: help and usage messages are
// generated from these fields.
type Command struct {
	Name     string
	Aliases  []string
	Args     string   // argument synopsis, e.g. "<country> <text>"
	Summary  string   // one line for the command list
	Details  []string // extra lines for `help <command>`
	Examples []string // full examples without the slash command
	Writes   bool     // records or changes entries
	// Form is the entry type of the form Slack opens when the command
	// comes with no arguments ("" for none).
	Form string
	run  func(ctx context.Context, c *Core, call *call) (Reply, error)
}

// Commands lists the command definitions, in help order.
func (c *Core) Commands() []*Command { return c.commands }

func definitions() []*Command {
	return []*Command{
		{
			Name: "log", Aliases: []string{"note", "update"},
			Args:     "<country|programme> <text>",
			Summary:  "Record a free-text activity update.",
			Details:  []string{"Never write names or other personal data of trainees."},
			Examples: []string{"log kenya Met the ODPP cybercrime unit; agreed dates for the OSINT course"},
			Writes:   true,
			Form:     "log",
			run:      runLog,
		},
		{
			Name: "kickoff", Aliases: []string{"kick-off"},
			Args:    "<country> <planned|held|postponed|cancelled> [date] [note]",
			Summary: "Record the state of a country's project kick-off.",
			Details: []string{"A held kick-off defaults to today and cannot be in the future; a planned or postponed date cannot be in the past.",
				"Dates: YYYY-MM-DD, today, yesterday or tomorrow."},
			Examples: []string{"kickoff ghana planned 2026-12-08", "kickoff Ivory Coast held yesterday with the Ministry of Interior"},
			Writes:   true,
			Form:     "kickoff",
			run:      runKickoff,
		},
		{
			Name:    "workshop",
			Args:    `<country> <planned|held|postponed|cancelled> <date> ["title"] [participants=N] [women=N]`,
			Summary: "Record a national workshop planned, held, postponed or cancelled.",
			Details: []string{"A later entry with the same title (or, without a title, the same date or the only open workshop) updates the planned one.",
				"For postponed, the date is the new date. women cannot exceed participants."},
			Examples: []string{`workshop nigeria planned 2026-12-10 "LEA readiness benchmark"`,
				`workshop nigeria held 2026-12-10 "LEA readiness benchmark" participants=32 women=11`},
			Writes: true,
			Form:   "workshop",
			run:    runWorkshop,
		},
		{
			Name: "training", Aliases: []string{"train"},
			Args:    `<country> <date> "<course>" trained=N [women=N] [new=N] [online]`,
			Summary: "Record a training: attendance counts by sex, never names.",
			Details: []string{"trained counts attendances; new (default: trained) counts people trained for the first time, and only new counts towards investigators-trained.",
				"Add the word online for online trainings. The date cannot be in the future."},
			Examples: []string{`training kenya 2026-11-20 "Darknet and virtual assets (basic)" trained=25 women=9 new=20 online`},
			Writes:   true,
			Form:     "training",
			run:      runTraining,
		},
		{
			Name: "indicator", Aliases: []string{"ind"},
			Args:    "<code> <country|programme> <value> [note]",
			Summary: "Record progress on a result indicator.",
			Details: []string{"value: N sets the value, +N adds to it, N/M gives numerator/denominator for percent indicators (+N/M adds), and a stage name records a milestone stage.",
				"Per-country indicators and milestones take a country; programme-wide indicators take `programme`."},
			Examples: []string{"indicator unsr-recs kenya +1 data retention recommendation implemented",
				"indicator women-policy ghana 4/15", "indicator strategies philippines validated"},
			Writes: true,
			run:    runIndicator,
		},
		{
			Name:     "new",
			Args:     "[log|kickoff|workshop|training]",
			Summary:  "Open a form to record an entry (in Slack).",
			Details:  []string{"The same forms open for log, kickoff, workshop and training typed without arguments."},
			Examples: []string{"new", "new training"},
			run:      runNew,
		},
		{
			Name: "status", Aliases: []string{"stat", "overview"},
			Args:     "[country|indicator]",
			Summary:  "Show progress: the programme, one country, or one indicator.",
			Details:  []string{"Ratings compare the actual value with the linear pace from programme start to end: on track at 85% of the pace or more, at risk from 50%, off track below."},
			Examples: []string{"status", "status kenya", "status investigators-trained"},
			run:      runStatus,
		},
		{
			Name:     "digest",
			Summary:  "Preview the weekly digest, as it would be posted now (only you see it).",
			Examples: []string{"digest"},
			run:      runDigest,
		},
		{
			Name:     "history",
			Args:     "[country] [N]",
			Summary:  "List recent entries with their IDs, who recorded them and when.",
			Examples: []string{"history", "history kenya 20"},
			run:      runHistory,
		},
		{
			Name:     "undo",
			Summary:  "Retract your own latest entry (within 24 hours).",
			Examples: []string{"undo"},
			Writes:   true,
			run:      runUndo,
		},
		{
			Name:     "retract",
			Args:     "<id> <reason>",
			Summary:  "Retract an entry by its ID (your own, or any if you are a coordinator).",
			Details:  []string{"The entry is kept in the audit trail, marked retracted with your reason."},
			Examples: []string{"retract 42 duplicate of #41"},
			Writes:   true,
			run:      runRetract,
		},
		{
			Name: "help", Aliases: []string{"?", "commands"},
			Args:     "[command]",
			Summary:  "Show the commands, or the usage of one.",
			Examples: []string{"help", "help training"},
			run:      runHelp,
		},
	}
}

// usageText is the usage and first example of cmd, for error replies.
func (c *Core) usageText(cmd *Command) string {
	s := "Usage: `" + c.usage(cmd) + "`"
	if len(cmd.Examples) > 0 {
		s += "\nExample: `" + c.command + " " + cmd.Examples[0] + "`"
	}
	return s
}

func (c *Core) usage(cmd *Command) string {
	return strings.TrimSpace(c.command + " " + cmd.Name + " " + cmd.Args)
}

func runHelp(_ context.Context, c *Core, call *call) (Reply, error) {
	if t, ok := call.args.next(); ok {
		cmd := c.lookup(t.text)
		if cmd == nil {
			return Reply{}, c.unknownCommand(t.text)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "*%s*\n`%s`\n", cmd.Summary, c.usage(cmd))
		for _, d := range cmd.Details {
			b.WriteString(d + "\n")
		}
		if len(cmd.Aliases) > 0 {
			b.WriteString("Also: " + strings.Join(cmd.Aliases, ", ") + "\n")
		}
		b.WriteString("Examples:")
		for _, ex := range cmd.Examples {
			b.WriteString("\n`" + c.command + " " + ex + "`")
		}
		return Reply{Sections: []Section{{Text: b.String()}}}, nil
	}
	var b strings.Builder
	for _, cmd := range c.commands {
		fmt.Fprintf(&b, "`%s` — %s\n", c.usage(cmd), cmd.Summary)
	}
	return Reply{Sections: []Section{
		{Header: "ctbot — " + c.fw.Name + " activity tracker", Text: b.String()},
		{Context: fmt.Sprintf("Type `%s help <command>` for details and examples. Countries by name, code or alias (kenya, KE, Ivory Coast); dates as YYYY-MM-DD, today, yesterday or tomorrow.", c.command)},
	}}, nil
}

// FormKinds are the entry types the Slack form records.
var FormKinds = []string{"log", "kickoff", "workshop", "training"}

func runNew(_ context.Context, c *Core, call *call) (Reply, error) {
	kind := "log"
	if t, ok := call.args.next(); ok {
		kind = strings.ToLower(t.text)
		if !contains(FormKinds, kind) {
			return Reply{}, badInput(fmt.Sprintf("%q has no form; the forms are %s", t.text, strings.Join(FormKinds, ", ")))
		}
	}
	return Reply{Modal: kind, Sections: []Section{{Text: fmt.Sprintf("Opening the %s form…", kind)}}}, nil
}

func runDigest(ctx context.Context, c *Core, call *call) (Reply, error) {
	if err := c.mayRead(call); err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	return c.Digest(ctx, call.now)
}
