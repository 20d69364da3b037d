package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/config"
)

// TestSecretsFromSystemdCredentials: with LoadCredential=, systemd hands
// the secrets over as files in $CREDENTIALS_DIRECTORY, named after their
// variables; the environment still wins, and a credential wins over a file
// named in the configuration.
func TestSecretsFromSystemdCredentials(t *testing.T) {
	creds, other := t.TempDir(), t.TempDir()
	write := func(dir, name, value string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(value), 0o400); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write(creds, EnvBotToken, "xoxb-credential-0123456789\n")
	write(creds, EnvAppToken, "xapp-1-credential-0123456789\n")
	configured := write(other, "bot", "xoxb-configured-file-0123456789")

	s, err := LoadSecrets(env(map[string]string{EnvCredentials: creds}), config.Slack{Mode: "socket", BotTokenFile: configured})
	if err != nil || s.BotToken != "xoxb-credential-0123456789" || s.AppToken != "xapp-1-credential-0123456789" {
		t.Fatalf("from credentials: %q %q %v", s.BotToken, s.AppToken, err)
	}
	s, err = LoadSecrets(env(map[string]string{EnvCredentials: creds, EnvBotToken: "xoxb-environment-0123456789"}), config.Slack{Mode: "socket"})
	if err != nil || s.BotToken != "xoxb-environment-0123456789" || s.AppToken != "xapp-1-credential-0123456789" {
		t.Errorf("the environment did not win: %q %q %v", s.BotToken, s.AppToken, err)
	}
	// A credential that is not there: the configured file, else "not set".
	s, err = LoadSecrets(env(map[string]string{EnvCredentials: other}), config.Slack{Mode: "http", BotTokenFile: configured})
	if s.BotToken != "xoxb-configured-file-0123456789" || err == nil || !strings.Contains(err.Error(), "SLACK_SIGNING_SECRET is not set") {
		t.Errorf("no credential: %q %v", s.BotToken, err)
	}
	// A credential that cannot be read says so.
	if err := os.Mkdir(filepath.Join(other, EnvSigningSecret), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSecrets(env(map[string]string{EnvCredentials: other}), config.Slack{Mode: "http", BotTokenFile: configured}); err == nil ||
		!strings.Contains(err.Error(), "SLACK_SIGNING_SECRET is not set and its credential cannot be read") {
		t.Errorf("unreadable credential: %v", err)
	}
}
