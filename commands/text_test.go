package commands_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// TestTextIsCheckedOnEveryPath: a slash command, a form's note, an
// amendment, a reminder's form and a reason are checked alike: the reply
// names the field, what was wrong and where (or the limit and the length),
// and nothing is stored or changed.
func TestTextIsCheckedOnEveryPath(t *testing.T) {
	h := newHarness(t)
	h.ok(`kickoff KE planned 2026-12-01`)
	ko := h.last()
	h.ok(`log kenya Met the unit`)
	own := h.last()
	ctx := context.Background()
	typed := func(text string) func() commands.Reply {
		return func() commands.Reply {
			return h.core.Handle(ctx, commands.Request{UserID: staff, Source: commands.FromConsole, Text: text})
		}
	}
	form := func(in commands.Input) func() commands.Reply {
		return func() commands.Reply {
			return h.core.Submit(ctx, commands.Request{UserID: staff, Source: commands.FromModal}, in)
		}
	}
	on := ctbot.MustParseDate("2026-12-10")
	tests := []struct {
		name  string
		run   func() commands.Reply
		field string
		want  string
	}{
		{"form note with an ESC sequence", form(&commands.LogInput{Country: "KE", Note: "done\x1b[2J\x1b]0;owned\x07"}), "note", "The note holds U+001B at character 5"},
		{"form note with NUL", form(&commands.KickoffInput{Country: "KE", Status: ctbot.StatusPostponed, Date: on, Note: "a\x00b"}), "note", "The note holds U+0000 at character 2"},
		{"form note of 1 MB", form(&commands.LogInput{Country: "KE", Note: strings.Repeat("a", 1<<20)}), "note", "The note is 1,048,576 characters long; the limit is 3,000"},
		{"form note not UTF-8", form(&commands.LogInput{Country: "KE", Note: "ok \xff"}), "note", "The note holds bytes that are not valid UTF-8 text, at character 4"},
		{"form title with a tab", form(&commands.WorkshopInput{Country: "KE", Status: ctbot.StatusPlanned, Date: on, Title: "two\tparts"}), "title",
			"The title must be a single line: it holds a line break or a tab at character 4"},
		{"form source over 300", form(&commands.LogInput{Country: "KE", Note: "met", Evidence: commands.Evidence{Source: strings.Repeat("s", 301)}}), "source",
			"The source is 301 characters long; the limit is 300"},
		{"slash note with C1", typed("log kenya a\u009b31mred"), "command", "The command holds U+009B at character 12"},
		{"slash note with a line separator", typed("log kenya a\u2028b"), "", ""}, // a line break: taken
		{"slash note over 3000", typed("log kenya " + strings.Repeat("é", 3001)), "note", "The note is 3,001 characters long; the limit is 3,000"},
		{"title over 200", typed(`workshop kenya planned 2026-12-05 "` + strings.Repeat("t", 201) + `"`), "title", "The title is 201 characters long; the limit is 200"},
		{"title on two lines", typed("workshop kenya planned 2026-12-05 \"two\nlines\""), "title", "The title must be a single line: it holds a line break or a tab at character 4"},
		{"source over 300", typed(`log kenya met source="` + strings.Repeat("s", 301) + `"`), "source", "The source is 301 characters long; the limit is 300"},
		{"amend note over 3000", typed(`amend ` + commands.ID(own.ID) + ` note="` + strings.Repeat("n", 3001) + `"`), "note", "The note is 3,001 characters long; the limit is 3,000"},
		{"amend reason over 500", typed(`amend ` + commands.ID(own.ID) + ` note="Met" reason="` + strings.Repeat("r", 501) + `"`), "reason", "The reason is 501 characters long; the limit is 500"},
		{"edit form reason over 500", func() commands.Reply {
			return h.core.SubmitEdit(ctx, commands.Request{UserID: staff, Source: commands.FromModal}, own.ID, &commands.LogInput{Country: "KE", Note: "Met"}, strings.Repeat("r", 501))
		}, "reason", "The reason is 501 characters long; the limit is 500"},
		{"retract reason over 500", typed(`retract ` + commands.ID(own.ID) + ` ` + strings.Repeat("r", 501)), "reason", "The reason is 501 characters long; the limit is 500"},
		{"reminder form with a forged note", func() commands.Reply {
			return h.core.Submit(ctx, commands.Request{UserID: focalKE, Source: commands.FromModal, Series: ko.ID},
				&commands.KickoffInput{Country: "KE", Status: ctbot.StatusPostponed, Date: on, Note: "x\u0085y"})
		}, "note", "The note holds U+0085 at character 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.entries()
			r := tt.run()
			if tt.want == "" {
				if r.Failed {
					t.Fatalf("refused: %s", r.Text())
				}
				return
			}
			if !r.Failed || r.Field != tt.field || !strings.Contains(r.Problem.String(), tt.want) {
				t.Fatalf("reply (field %q): %s\nwant %q on %q", r.Field, r.Text(), tt.want, tt.field)
			}
			after := h.entries()
			if len(after) != len(before) || after[0].Version != before[0].Version || after[0].Retracted != before[0].Retracted {
				t.Errorf("a refused request changed entries")
			}
		})
	}
	if e := h.last(); e.Note != "a\nb" {
		t.Errorf("a line separator is kept as %+q, want a line break", e.Note)
	}
}

// A note as long as the form takes is taken from a slash command in any
// script: the cap counts characters, not bytes.
func TestSlashNoteAtTheFormsCap(t *testing.T) {
	h := newHarness(t)
	note := strings.Repeat("ж", ctbot.NoteText.Max)
	if r := h.as(staff, "log kenya "+note); r.Failed {
		t.Fatalf("a 3000-character Russian note refused: %s", commands.Truncate(r.Text(), 200))
	}
	if got := h.last().Note; got != note {
		t.Errorf("stored %d characters", len([]rune(got)))
	}
	// Its Edit form, with every field at its cap, is still one command.
	e := h.last()
	r := h.as(staff, `amend `+commands.ID(e.ID)+` note="`+strings.Repeat("ф", ctbot.NoteText.Max)+`" source="`+strings.Repeat("и", ctbot.SourceText.Max)+
		`" link=https://example.org/`+strings.Repeat("x", 1000)+` reason="`+strings.Repeat("п", ctbot.ReasonText.Max)+`"`)
	if r.Failed {
		t.Fatalf("an amendment at every cap refused: %s", commands.Truncate(r.Text(), 200))
	}
}

// Unbalanced directional controls are balanced on the way in: a stray
// close is left out, an open one closed, so a note cannot end ctbot's own
// isolates early nor reverse what follows it.
func TestDirectionalControlsAreBalanced(t *testing.T) {
	h := newHarness(t)
	h.ok("log kenya \u2069\u202eعكس")
	if got, want := h.last().Note, "\u202eعكس\u202c"; got != want {
		t.Errorf("slash note stored as %+q, want %+q", got, want)
	}
	h.advance(3 * 60e9)
	r := h.core.Submit(context.Background(), commands.Request{UserID: staff, Source: commands.FromModal},
		&commands.LogInput{Country: "KE", Note: "start \u2067مرحبا\nnext \u2069line\u202b"})
	if r.Failed {
		t.Fatal(r.Text())
	}
	if got, want := h.last().Note, "start \u2067مرحبا\u2069\nnext line\u202b\u202c"; got != want {
		t.Errorf("form note stored as %+q, want %+q", got, want)
	}
}

// An entry whose text was stored before the checks does not open in the
// Edit form, which could not hold it and would cut it on saving: the
// person is told why.
func TestEditRefusesTextTheFormCannotHold(t *testing.T) {
	h := newHarness(t)
	h.ok("log kenya Met the unit")
	e := h.last()
	if r := h.core.Edit(context.Background(), commands.Request{UserID: staff}, e.ID); r.Failed || r.Form == nil {
		t.Fatalf("Edit of a clean entry: %s", r.Text())
	}
	conn, err := sql.Open("sqlite3", "file:"+h.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(`UPDATE entries SET note = ? WHERE id = ?`, strings.Repeat("n", 3500), e.ID); err != nil {
		t.Fatal(err)
	}
	r := h.core.Edit(context.Background(), commands.Request{UserID: staff}, e.ID)
	if !r.Failed || r.Form != nil || !strings.Contains(r.Problem.String(), "The note is 3,500 characters long; the limit is 3,000") {
		t.Errorf("Edit of a 3500-character note: %s", r.Text())
	}
}
