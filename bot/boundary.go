package bot

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
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

// NewIdentity is the workspace of auth (auth.test's answer), with the
// configured exceptions; the app ID is learned separately (bots.info).
func NewIdentity(auth *slack.AuthTestResponse, allowedTeams, externalUsers []string) Identity {
	return Identity{TeamID: auth.TeamID, EnterpriseID: auth.EnterpriseID, AllowedTeams: allowedTeams, ExternalUsers: externalUsers}
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

// Gate is the workspace boundary: whom ctbot admits. Requests, grants of
// roles and direct messages all pass it, so that nobody ctbot would refuse
// is given a role or sent data. It is safe for concurrent use.
type Gate struct {
	api       *slack.Client
	id        Identity
	botUserID string
	now       func() time.Time
	people    people
}

// NewGate returns the boundary of identity; botUserID is ctbot's own user,
// never admitted as a person.
func NewGate(api *slack.Client, id Identity, botUserID string, now func() time.Time) *Gate {
	if now == nil {
		now = time.Now
	}
	return &Gate{api: api, id: id, botUserID: botUserID, now: now}
}

// AdmitsUser is nil when ctbot would admit user's requests: a person of
// this workspace (or an allowed one, or an external user listed by ID),
// not a bot, not deactivated, and not ctbot itself. Otherwise it says why,
// wrapping ctbot.NotAdmitted (or an error asking Slack).
func (g *Gate) AdmitsUser(ctx context.Context, user string) error {
	if user == "" || user == g.botUserID {
		return fmt.Errorf("%q is ctbot itself: %w", user, ctbot.NotAdmitted(user))
	}
	if g.id.TeamID == "" {
		return nil // no identity configured: tests and the console
	}
	p, err := g.people.lookup(ctx, g.api, g.now(), user)
	if err != nil {
		return err
	}
	switch {
	case p.bot:
		return fmt.Errorf("%s is a bot: %w", user, ctbot.NotAdmitted(user))
	case p.deleted:
		return fmt.Errorf("%s is deactivated: %w", user, ctbot.NotAdmitted(user))
	}
	if err := g.id.check(origin{UserID: user, UserTeam: p.team, TeamID: g.id.TeamID}); err != nil {
		return fmt.Errorf("%w: %w", ctbot.NotAdmitted(user), err)
	}
	return nil
}

// admit checks the origin of a request, first asking Slack for the user's
// team when the request did not carry it. A user of another organisation
// (Slack Connect) is refused unless listed by ID.
func (g *Gate) admit(ctx context.Context, o origin) error {
	if g.id.TeamID == "" {
		return nil
	}
	if o.UserTeam == "" && o.UserID != "" && !slices.Contains(g.id.ExternalUsers, o.UserID) {
		p, err := g.people.lookup(ctx, g.api, g.now(), o.UserID)
		if err != nil {
			return fmt.Errorf("cannot check the user's workspace: %w", err)
		}
		o.UserTeam = p.team
	}
	return g.id.check(o)
}

// people remembers what Slack says of each user (users.info): their team,
// and whether they are a bot or deactivated.
type people struct {
	mu   sync.Mutex
	seen map[string]person
}

type person struct {
	team         string
	bot, deleted bool
	at           time.Time
}

// userTeamTTL is how long what Slack said of a user is remembered.
const userTeamTTL = time.Hour

// lookup returns what Slack says of user, asking when it is not remembered.
func (u *people) lookup(ctx context.Context, api *slack.Client, now time.Time, user string) (person, error) {
	u.mu.Lock()
	p, ok := u.seen[user]
	u.mu.Unlock()
	if ok && now.Sub(p.at) < userTeamTTL {
		return p, nil
	}
	info, err := api.GetUserInfoContext(ctx, user)
	if err != nil {
		return person{}, fmt.Errorf("users.info %s: %w", user, err)
	}
	p = person{team: info.TeamID, bot: info.IsBot, deleted: info.Deleted, at: now}
	if info.Enterprise.EnterpriseID != "" && info.TeamID == "" {
		p.team = info.Enterprise.EnterpriseID
	}
	if p.team == "" {
		return person{}, fmt.Errorf("users.info %s: Slack did not say the user's team", user)
	}
	u.mu.Lock()
	if u.seen == nil {
		u.seen = map[string]person{}
	}
	u.seen[user] = p
	u.mu.Unlock()
	return p, nil
}
