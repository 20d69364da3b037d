package commands_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
)

// memSettings keeps languages in a map: the settings part of a store.
type memSettings struct {
	langs map[string]string
	log   []string
}

func (m *memSettings) Languages(context.Context) (map[string]string, error) { return m.langs, nil }

func (m *memSettings) SetLanguage(_ context.Context, user, lang string, _ ctbot.WriteOptions) (string, error) {
	old := m.langs[user]
	m.langs[user] = lang
	m.log = append(m.log, user+":"+old+"→"+lang)
	return old, nil
}

func (m *memSettings) Snooze(context.Context, int64, ctbot.Date, string, ctbot.WriteOptions) error {
	return nil
}

// noGrants is a roles part with no role granted in Slack.
type noGrants struct{ commands.Roles }

func (noGrants) Grants(context.Context) ([]ctbot.Grant, error) { return nil, nil }

// TestCommandsOnSmallFakes: a command needs only the parts of the store it
// uses; /ct lang runs on a map of languages and no grants, no SQLite.
func TestCommandsOnSmallFakes(t *testing.T) {
	settings := &memSettings{langs: map[string]string{}}
	core := commands.New(commands.Options{Framework: config.Default().Framework, Settings: settings, Roles: noGrants{},
		Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	r := core.Handle(context.Background(), commands.Request{UserID: "U1", Text: "lang fr", Source: commands.FromConsole})
	if r.Failed || settings.langs["U1"] != "fr" || len(settings.log) != 1 {
		t.Fatalf("lang fr: %s; stored %v", r.Text(), settings.langs)
	}
	if got := core.Language("U1"); got != "fr" {
		t.Errorf("U1 reads %s after choosing French", got)
	}
	r = core.Handle(context.Background(), commands.Request{UserID: "U1", Text: "lang", Source: commands.FromConsole})
	wantText(t, r, "Je vous écris en français")
}
