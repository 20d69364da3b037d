package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// runConsole reads one command per line from standard input and prints each
// reply as text. Lines may start with the slash command or leave it out.
func runConsole(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	db := e.db
	if len(e.cfg.Access.Coordinators) == 0 {
		// No coordinators configured: the person at the console runs the
		// programme's own database, and may do what a coordinator may.
		e.cfg.Access.Coordinators = []string{e.user}
	}
	core := a.newCore(e, db)
	if err := noteFramework(ctx, e, core); err != nil {
		return err
	}
	slash := e.cfg.Slack.Command
	interactive := isTerminal(a.Stdin)
	if interactive {
		fmt.Fprintf(a.Stdout, "ctbot console for %s — database %s, acting as %s.\nType `help`, or `quit` to leave.\n", e.cfg.Programme.Name, db.Path(), e.user)
	}
	in := bufio.NewScanner(a.Stdin)
	in.Buffer(make([]byte, 64*1024), 1024*1024)
	for {
		if interactive {
			fmt.Fprint(a.Stdout, slash+" ")
		}
		if !in.Scan() {
			break
		}
		line := strings.TrimSpace(in.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "quit" || line == "exit" {
			break
		}
		text := strings.TrimSpace(strings.TrimPrefix(line, slash))
		if !interactive {
			fmt.Fprintf(a.Stdout, "> %s %s\n", slash, ctbot.Printable(text))
		}
		reply := core.Handle(ctx, commands.Request{UserID: e.user, Text: text, Source: commands.FromConsole})
		out := reply.Text()
		if reply.Form != nil {
			out += "\n" + core.Loc(e.user).S("form.console")
		}
		if f := reply.File; f != nil {
			name := filepath.Base(f.Name)
			if err := a.saveFile(ctx, name, f); err != nil {
				return err
			}
			out += "\n" + core.Loc(e.user).S("export.console", "File", name)
		}
		fmt.Fprintln(a.Stdout, out)
		fmt.Fprintln(a.Stdout)
		if ctx.Err() != nil {
			break
		}
	}
	return in.Err()
}

func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
