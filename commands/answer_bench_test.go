package commands_test

import (
	"context"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
)

// BenchmarkAnswer answers every subject at 1M entries, over all time and
// over a window (a month of value dates; for "what changed", a week of
// recording), about Kenya and Ghana: the work of a question once read.
func BenchmarkAnswer(b *testing.B) {
	core := benchCore(benchDB(b, 1_000_000))
	fw := config.Default().Framework
	states := []*ctbot.Country{fw.Country("KE"), fw.Country("GH")}
	inds := []*ctbot.Indicator{fw.Indicator("investigators-trained")}
	month := commands.Window{From: ctbot.MustParseDate("2026-10-01"), To: ctbot.MustParseDate("2026-10-31")}
	week := commands.Window{From: ctbot.MustParseDate("2026-11-21"), To: ctbot.MustParseDate("2026-11-27"), Recorded: true}
	subjects := []commands.Subject{commands.SubjectOverview, commands.SubjectState, commands.SubjectCompare, commands.SubjectIndicator,
		commands.SubjectTarget, commands.SubjectWomen, commands.SubjectTrainings, commands.SubjectWorkshops, commands.SubjectChanged,
		commands.SubjectUpcoming, commands.SubjectOverdue, commands.SubjectKickoffs, commands.SubjectEvents, commands.SubjectBehind,
		commands.SubjectQuiet, commands.SubjectReadiness, commands.SubjectWho, commands.SubjectLastReport, commands.SubjectEvidence,
		commands.SubjectEvent, commands.SubjectHelp, commands.SubjectUnknown}
	type bench struct {
		name string
		q    commands.Question
	}
	var benches []bench
	for _, s := range subjects {
		for _, w := range []struct {
			name string
			w    commands.Window
		}{{"all", commands.Window{}}, {"window", month}} {
			q := commands.Question{Subject: s, States: states, Indicators: inds, Window: w.w}
			if s == commands.SubjectChanged && w.name == "window" {
				q.Window = week
			}
			if s == commands.SubjectOverview || s == commands.SubjectWomen || s == commands.SubjectWho {
				q.States = nil // the whole programme: the most to read
			}
			name := string(s)
			if s == commands.SubjectUnknown {
				name = "unknown"
			}
			benches = append(benches, bench{name + "/" + w.name, q})
		}
	}
	benches = append(benches,
		bench{"rank/all", commands.Question{Subject: commands.SubjectTrainings, Rank: commands.Rank{By: "trained"}}},
		bench{"rank/window", commands.Question{Subject: commands.SubjectTrainings, Rank: commands.Rank{By: "trained"}, Window: month}},
		bench{"trainings_topic/all", commands.Question{Subject: commands.SubjectTrainings, Topics: []string{"osint"}, Online: ctbot.Yes}},
		bench{"trainings_topic/window", commands.Question{Subject: commands.SubjectTrainings, Topics: []string{"osint"}, Levels: []string{"basic"}, Window: month}},
	)
	ctx := context.Background()
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				q := bb.q
				if r := core.AnswerQuestion(ctx, commands.Request{UserID: "U1"}, &q); r.Failed {
					b.Fatal(r.Text())
				}
			}
		})
	}
}
