package commands

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// accessNow is who may do what now: the configuration and the roles
// granted in Slack, read afresh so a removal takes effect at once. When
// the grants cannot be read, the configuration alone decides.
func (c *Core) accessNow(ctx context.Context) ctbot.Access {
	gs, err := c.roles.Grants(ctx)
	if err != nil {
		c.log.ErrorContext(ctx, "roles granted in Slack not read; the configuration alone decides", "err", err)
		return *c.access.Load()
	}
	c.granted.Store(&gs)
	return c.access.Load().With(gs)
}

// SetAccess replaces who may do what by the configuration (its [access]),
// for the next request on: ctbot reloads it on SIGHUP. The roles granted
// in Slack stay as they are.
func (c *Core) SetAccess(a ctbot.Access) { c.access.Store(&a) }

// roleLogMessages are the words of each action in the role log.
var roleLogMessages = map[string]string{
	ctbot.RoleGrant: "access.log_grant", ctbot.RoleRevoke: "access.log_revoke", ctbot.RoleRequest: "access.log_request",
}

// roleLogLines is how many recent role changes `access list` shows.
const roleLogLines = 10

// mentionArgRE is a Slack user mention as Slack's markup, <@U123|name> or
// <@U123>, or a user ID, bare or as "@U123".
var mentionArgRE = regexp.MustCompile(`^(?:<@([UW][A-Z0-9]{2,20})(?:\|[^<>]*)?>|@?([UW][A-Z0-9]{2,20}))$`)

// user consumes a mention of a person and returns their user ID: one of
// mentions ("@kofi", as the transport read it), or a mention or ID as
// mentionArgRE reads it.
func (a *args) user(mentions map[string]string) (string, error) {
	t, ok := a.next()
	if !ok {
		return "", badField("user", "err.user_missing")
	}
	if id := mentions[t.text]; id != "" {
		return id, nil
	}
	m := mentionArgRE.FindStringSubmatch(t.text)
	if m == nil {
		return "", badField("user", "err.user_bad", "Text", Truncate(t.text, 40))
	}
	return m[1] + m[2], nil
}

// role consumes a role: staff, manager, coordinator, or focal and a country.
func (a *args) role(fw *ctbot.Framework) (ctbot.Role, string, error) {
	t, ok := a.next()
	if !ok {
		return "", "", badField("role", "err.role_missing")
	}
	word := strings.TrimSuffix(strings.ToLower(t.text), "s")
	switch word {
	case "coordinator", "manager", "staff":
		return ctbot.Role(word), "", nil
	case "focal", "focal-point", "focalpoint":
		country, err := a.country(fw, false)
		return ctbot.RoleFocal, country, err
	}
	return "", "", badField("role", "err.role_unknown", "Text", Truncate(t.text, 40))
}

// roleName is role in words: "staff", "focal point for Kenya".
func (c *Core) roleName(l *locale.Loc, role ctbot.Role, country string) reply.Inline {
	return l.T("role."+string(role), "Country", CountryName(l, c.fw, country))
}

func runAccess(ctx context.Context, c *Core, call *call) (Reply, error) {
	if user := call.user(); !call.may(func(a ctbot.Access) bool { return a.CanManageRoles(user) }) {
		return Reply{}, forbidden("err.coordinators_only", "What", call.l.S("access.what"))
	}
	if call.req.Source == FromButton {
		return Reply{}, refused("err.access_typed_only", "Cmd", c.command)
	}
	t, ok := call.args.next()
	if !ok {
		return Reply{}, badInput("err.access_missing")
	}
	switch strings.ToLower(t.text) {
	case "list":
		if err := call.noMoreArgs(); err != nil {
			return Reply{}, err
		}
		return c.accessList(ctx, call)
	case "add", "grant":
		return c.changeRole(ctx, call, true)
	case "remove", "revoke":
		return c.changeRole(ctx, call, false)
	}
	return Reply{}, badInput("err.access_unknown", "Text", Truncate(t.text, 40))
}

// changeRole grants (add) or removes a role given in Slack. Roles from the
// configuration are neither granted again nor removed here.
func (c *Core) changeRole(ctx context.Context, call *call, add bool) (Reply, error) {
	user, err := call.args.user(call.req.Mentions)
	if err != nil {
		return Reply{}, err
	}
	role, country, err := call.args.role(c.fw)
	if err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	l := call.l
	who, what := reply.User(user), c.roleName(l, role, country)
	switch {
	case call.access.InConfig(c.fw, user, role, country) && !add && role == ctbot.RoleCoordinator:
		return Reply{}, refused("err.config_coordinator", "User", who)
	case call.access.InConfig(c.fw, user, role, country) && !add:
		return Reply{}, refused("err.role_config", "User", who, "Role", what)
	case call.access.InConfig(c.fw, user, role, country):
		return Reply{}, refused("err.role_in_config", "User", who, "Role", what)
	case !add && role == ctbot.RoleCoordinator && slices.Equal(call.access.AllCoordinators(), []string{user}):
		return Reply{}, refused("err.last_coordinator", "User", who)
	}
	if add && c.admits != nil {
		if err := c.admits(ctx, user); ctbot.CodeOf(err) == ctbot.ENotAdmitted {
			c.log.InfoContext(ctx, "role not granted to someone ctbot does not admit", "user", user, "why", err)
			return Reply{}, err
		} else if err != nil {
			return Reply{}, fmt.Errorf("check %s before a grant: %w", user, err)
		}
	}
	var done reply.Inline
	if add {
		_, err = c.roles.Grant(ctx, ctbot.Grant{User: user, Role: role, Country: country, By: call.user()}, call.write())
		done = l.T("access.granted", "User", who, "Role", what)
	} else {
		var old ctbot.Grant
		o := call.write()
		o.KeepCoordinator = len(call.access.Coordinators) == 0 // checked again in the write: two removals at once
		old, err = c.roles.Revoke(ctx, user, role, country, call.user(), o)
		done = l.T("access.removed", "User", who, "Role", what, "By", reply.User(old.By), "At", c.fw.Today(old.At))
	}
	switch {
	case ctbot.CodeOf(err) == ctbot.EDuplicate:
		return Reply{Outcome: "duplicate", Doc: reply.Doc{reply.Para{Text: l.T("access.duplicate")}}}, nil
	case err != nil:
		return Reply{}, err
	}
	return Reply{Doc: reply.Doc{reply.Para{Text: done}, reply.Note{Text: l.T("access.logged", "Cmd", c.command)}}}, nil
}

// accessList lists everyone's roles, where each comes from, and the
// latest changes.
func (c *Core) accessList(ctx context.Context, call *call) (Reply, error) {
	l, ac := call.l, call.access
	line := func(user string, g *ctbot.Grant) reply.Inline {
		if g == nil {
			return l.T("access.from_config", "User", reply.User(user))
		}
		return l.T("access.from_grant", "User", reply.User(user), "By", reply.User(g.By), "At", c.fw.Today(g.At))
	}
	holders := func(config []string, role ctbot.Role, country string) []reply.Inline {
		var items []reply.Inline
		for _, u := range config {
			items = append(items, line(u, nil))
		}
		for i, g := range ac.Granted {
			if g.Role == role && g.Country == country {
				items = append(items, line(g.User, &ac.Granted[i]))
			}
		}
		return items
	}
	section := func(title reply.Inline, config []string, role ctbot.Role) reply.Block {
		items := holders(config, role, "")
		if len(items) == 0 {
			items = append(items, l.T("access.nobody"))
		}
		return reply.List{Title: title, Items: items}
	}
	doc := reply.Doc{
		reply.Heading{Text: l.T("access.list_title")},
		section(l.T("access.coordinators"), ac.Coordinators, ctbot.RoleCoordinator),
		section(l.T("access.managers"), ac.Managers, ctbot.RoleManager),
		section(l.T("access.staff"), ac.Staff, ctbot.RoleStaff),
	}
	if len(ac.Staff) == 0 {
		doc = append(doc, reply.Note{Text: l.T("access.open")})
	}
	var without []reply.Inline
	for _, co := range c.fw.Countries {
		if items := holders(co.FocalPoints, ctbot.RoleFocal, co.Code); len(items) > 0 {
			doc = append(doc, reply.List{Title: l.T("access.focal", "Country", co.NameIn(l.Lang())), Items: items})
		} else {
			without = append(without, reply.Plain(co.NameIn(l.Lang())))
		}
	}
	if len(without) > 0 {
		doc = append(doc, reply.Note{Text: l.T("access.no_focal", "List", locale.AndList(without))})
	}
	log, err := c.roles.RoleLog(ctx, roleLogLines)
	if err != nil {
		return Reply{}, err
	}
	var changes []reply.Inline
	for _, ch := range log {
		changes = append(changes, l.T(roleLogMessages[ch.Action], "At", c.fw.Today(ch.At), "Actor", reply.User(ch.Actor),
			"User", reply.User(ch.User), "Role", c.roleName(l, ch.Role, ch.Country)))
	}
	if len(changes) > 0 {
		doc = append(doc, reply.Divider{}, reply.List{Title: l.T("access.recent"), Items: changes})
	}
	return Reply{Doc: doc}, nil
}

func runWhoami(_ context.Context, c *Core, call *call) (Reply, error) {
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	l, ac, user := call.l, call.access, call.user()
	var items []reply.Inline
	for _, h := range ac.HeldBy(c.fw, user) {
		what := c.roleName(l, h.Role, h.Country)
		if h.Grant == nil {
			items = append(items, l.T("whoami.from_config", "Role", what))
			continue
		}
		items = append(items, l.T("whoami.from_grant", "Role", what, "By", reply.User(h.Grant.By), "At", c.fw.Today(h.Grant.At)))
	}
	doc := reply.Doc{}
	if len(items) == 0 {
		doc = append(doc, reply.Para{Text: l.T("whoami.none")})
	} else {
		doc = append(doc, reply.List{Title: l.T("whoami.title", "User", reply.User(user)), Items: items})
	}
	var states []reply.Inline
	for _, code := range ac.FocalCountries(c.fw, user) {
		states = append(states, reply.Plain(CountryName(l, c.fw, code)))
	}
	if len(states) > 0 {
		doc = append(doc, reply.Para{Text: l.T("whoami.states", "List", locale.AndList(states))})
	}
	if len(ac.Staff) == 0 && !ac.Has(c.fw, user, ctbot.RoleStaff, "") {
		doc = append(doc, reply.Note{Text: l.T("access.open")})
	}
	if len(items) == 0 {
		doc = append(doc, reply.Para{Text: l.T("whoami.ask", "Coordinators", c.coordinatorList(ac))})
	}
	return Reply{Doc: doc}, nil
}

// coordinatorList names the coordinators, or says there are none.
func (c *Core) coordinatorList(ac ctbot.Access) any {
	var us []reply.Inline
	for _, u := range ac.AllCoordinators() {
		us = append(us, reply.User(u))
	}
	if len(us) == 0 {
		return locale.M("access.no_coordinators")
	}
	return locale.AndList(us)
}
