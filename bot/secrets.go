package bot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cttechplus/ctbot/config"
)

// Secrets are the Slack credentials. They come from the environment (or
// files named in the configuration), are never logged and never stored.
type Secrets struct {
	BotToken      string // xoxb-..., every Web API call
	AppToken      string // xapp-..., Socket Mode only
	SigningSecret string // HTTP mode only
}

// String hides the values, so a Secrets printed by mistake leaks nothing.
func (s Secrets) String() string { return "bot.Secrets{redacted}" }

// GoString hides the values from %#v too.
func (s Secrets) GoString() string { return s.String() }

// Environment variables holding the secrets.
const (
	EnvBotToken      = "SLACK_BOT_TOKEN"
	EnvAppToken      = "SLACK_APP_TOKEN"
	EnvSigningSecret = "SLACK_SIGNING_SECRET"
)

// EnvCredentials is the directory where systemd puts the credentials of
// LoadCredential=; a secret not in the environment is read from the file
// of its variable's name there (e.g. $CREDENTIALS_DIRECTORY/SLACK_BOT_TOKEN).
const EnvCredentials = "CREDENTIALS_DIRECTORY"

// LoadSecrets reads the secrets that mode ("socket" or "http") needs from
// the environment, falling back to systemd's credentials, then to the files
// named in cfg, and checks that each looks like what Slack issues.
func LoadSecrets(getenv func(string) string, cfg config.Slack) (Secrets, error) {
	s, err := LoadBotToken(getenv, cfg)
	if err != nil {
		return s, err
	}
	switch cfg.Mode {
	case "socket":
		if s.AppToken, err = secret(getenv, EnvAppToken, cfg.AppTokenFile); err != nil {
			return s, err
		}
		if err := checkToken(EnvAppToken, s.AppToken, "xapp-", "an App-Level Token with the connections:write scope (Basic Information page)"); err != nil {
			return s, err
		}
	case "http":
		if s.SigningSecret, err = secret(getenv, EnvSigningSecret, cfg.SigningSecretFile); err != nil {
			return s, err
		}
		if s.SigningSecret == "" {
			return s, fmt.Errorf("%s is not set: http mode needs the Signing Secret from your app's Basic Information page", EnvSigningSecret)
		}
		if strings.ContainsAny(s.SigningSecret, " \t\r\n") {
			return s, fmt.Errorf("%s contains spaces or line breaks; copy the Signing Secret exactly", EnvSigningSecret)
		}
	}
	return s, nil
}

// LoadBotToken reads only the bot token, for work that posts but does not
// receive (ctbot digest -post).
func LoadBotToken(getenv func(string) string, cfg config.Slack) (Secrets, error) {
	var s Secrets
	var err error
	if s.BotToken, err = secret(getenv, EnvBotToken, cfg.BotTokenFile); err != nil {
		return s, err
	}
	return s, checkToken(EnvBotToken, s.BotToken, "xoxb-", "the Bot User OAuth Token on your app's OAuth & Permissions page")
}

func secret(getenv func(string) string, env, file string) (string, error) {
	if v := getenv(env); v != "" {
		return strings.TrimSpace(v), nil
	}
	if dir := getenv(EnvCredentials); dir != "" {
		credential := filepath.Join(dir, env)
		b, err := os.ReadFile(credential)
		if err == nil {
			return strings.TrimSpace(string(b)), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s is not set and its credential cannot be read: %w", env, err)
		}
	}
	if file == "" {
		return "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s is not set and its file cannot be read: %w", env, err)
	}
	return strings.TrimSpace(string(b)), nil
}

func checkToken(env, value, prefix, where string) error {
	switch {
	case value == "":
		return fmt.Errorf("%s is not set: export %s (it starts with %s)", env, where, prefix)
	case !strings.HasPrefix(value, prefix):
		// Say what kind of token it is, never the token itself.
		kind, _, _ := strings.Cut(value, "-")
		if len(kind) > 5 {
			kind = "something else"
		} else {
			kind += "-"
		}
		return fmt.Errorf("%s should start with %s but starts with %s: use %s", env, prefix, kind, where)
	case len(value) < len(prefix)+10:
		return fmt.Errorf("%s is too short to be a Slack token (it starts with %s)", env, prefix)
	}
	return nil
}
