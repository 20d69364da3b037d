package bot

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Identity is the workspace (and app) ctbot serves, learned from auth.test
// and bots.info at start, with the configured exceptions.
type Identity struct {
	TeamID       string
	EnterpriseID string // the Enterprise Grid organisation, if any
	AppID        string // "" when it could not be learned; then not checked
	// AllowedTeams are other workspaces of the same organisation that may
	// use ctbot ([slack] allowed_teams).
	AllowedTeams []string
	// ExternalUsers are users of other organisations (Slack Connect) that
	// may use ctbot, by user ID ([slack] external_users).
	ExternalUsers []string
}

// origin is who a request comes from and which workspace and app it is for.
type origin struct {
	UserID       string
	UserTeam     string // the acting user's team (T…, or E… on Grid); "" when Slack did not say
	TeamID       string // the workspace the request is for
	EnterpriseID string
	AppID        string
}

// ours reports whether team (a T… or E… ID) is this workspace, one of the
// allowed ones, or this Enterprise Grid organisation.
func (id Identity) ours(team string) bool {
	return team != "" && (team == id.TeamID || slices.Contains(id.AllowedTeams, team) ||
		id.EnterpriseID != "" && team == id.EnterpriseID)
}

// check refuses requests for another app or workspace, and users of other
// organisations not listed by ID. It returns why, for the log.
func (id Identity) check(o origin) error {
	switch {
	case id.TeamID == "":
		return nil // no identity configured: tests and the console
	case id.AppID != "" && o.AppID != "" && o.AppID != id.AppID:
		return fmt.Errorf("request for app %s, not %s", o.AppID, id.AppID)
	case !id.ours(o.TeamID) && !(id.EnterpriseID != "" && o.EnterpriseID == id.EnterpriseID):
		return fmt.Errorf("request from workspace %q (enterprise %q), not %s", o.TeamID, o.EnterpriseID, id.TeamID)
	case slices.Contains(id.ExternalUsers, o.UserID):
		return nil
	case o.UserTeam != "" && !id.ours(o.UserTeam):
		return fmt.Errorf("user %s is from team %s, another organisation", o.UserID, o.UserTeam)
	}
	return nil
}

// userTeams remembers which team each user belongs to (users.info), for
// requests that do not say (slash commands).
type userTeams struct {
	mu    sync.Mutex
	teams map[string]cachedTeam
}

type cachedTeam struct {
	team string
	at   time.Time
}

// userTeamTTL is how long a user's team is remembered.
const userTeamTTL = time.Hour

// lookup returns user's team, asking Slack when it is not remembered.
func (u *userTeams) lookup(ctx context.Context, api *slack.Client, now time.Time, user string) (string, error) {
	u.mu.Lock()
	c, ok := u.teams[user]
	u.mu.Unlock()
	if ok && now.Sub(c.at) < userTeamTTL {
		return c.team, nil
	}
	info, err := api.GetUserInfoContext(ctx, user)
	if err != nil {
		return "", fmt.Errorf("users.info %s: %w", user, err)
	}
	team := info.TeamID
	if info.Enterprise.EnterpriseID != "" && info.TeamID == "" {
		team = info.Enterprise.EnterpriseID
	}
	if team == "" {
		return "", fmt.Errorf("users.info %s: Slack did not say the user's team", user)
	}
	u.mu.Lock()
	if u.teams == nil {
		u.teams = map[string]cachedTeam{}
	}
	u.teams[user] = cachedTeam{team: team, at: now}
	u.mu.Unlock()
	return team, nil
}

// admit checks o against the identity, first asking Slack for the user's
// team when the request did not carry it. A user of another organisation
// (Slack Connect) is refused unless listed by ID.
func (b *Bot) admit(ctx context.Context, o origin) error {
	if b.id.TeamID == "" {
		return nil
	}
	if o.UserTeam == "" && o.UserID != "" && !slices.Contains(b.id.ExternalUsers, o.UserID) {
		team, err := b.teams.lookup(ctx, b.api, b.now(), o.UserID)
		if err != nil {
			return fmt.Errorf("cannot check the user's workspace: %w", err)
		}
		o.UserTeam = team
	}
	return b.id.check(o)
}
