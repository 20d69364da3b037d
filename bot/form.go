package bot

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// IDs of the entry form. Each input's block ID and action ID are the name of
// the field the command core reports errors against ("country", "date", ...).
const (
	formCallbackID = "ct_entry"
	kindField      = "kind"
)

// formValues are what the user has filled in so far.
type formValues struct {
	Kind, Country, Status, Date, Title, Note  string
	Trained, Women, New, Participants, Online string
}

// formMeta travels in the view's private_metadata.
type formMeta struct {
	Channel string `json:"channel,omitempty"`
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func option(value, label string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, plain(commands.Truncate(label, 75)), nil)
}

// entryForm builds the form for one entry type, keeping values already filled in.
func entryForm(fw *ctbot.Framework, kind, channel string, v formValues) slack.ModalViewRequest {
	if !contains(commands.FormKinds, kind) {
		kind = "log"
	}
	var blocks []slack.Block
	kinds := map[string]string{"log": "Activity update", "kickoff": "Project kick-off", "workshop": "National workshop", "training": "Training"}
	var kindOpts []*slack.OptionBlockObject
	for _, k := range commands.FormKinds {
		kindOpts = append(kindOpts, option(k, kinds[k]))
	}
	kindSel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, kindField, kindOpts...)
	kindSel.InitialOption = option(kind, kinds[kind])
	kb := slack.NewInputBlock(kindField, plain("What are you recording?"), nil, kindSel)
	kb.DispatchAction = true
	blocks = append(blocks, kb)

	var countryOpts []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	if kind == "log" {
		countryOpts = append(countryOpts, option("programme", "Programme-wide"))
	}
	for _, c := range fw.Countries {
		o := option(c.Code, c.Name)
		countryOpts = append(countryOpts, o)
		if c.Code == v.Country {
			initial = o
		}
	}
	if v.Country == "programme" && kind == "log" {
		initial = countryOpts[0]
	}
	countrySel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Choose a country"), "country", countryOpts...)
	countrySel.InitialOption = initial
	blocks = append(blocks, slack.NewInputBlock("country", plain("Country"), nil, countrySel))

	if kind == "kickoff" || kind == "workshop" {
		var opts []*slack.OptionBlockObject
		var init *slack.OptionBlockObject
		for _, s := range ctbot.Statuses {
			o := option(string(s), strings.ToUpper(string(s[:1]))+string(s[1:]))
			opts = append(opts, o)
			if string(s) == v.Status {
				init = o
			}
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Choose"), "status", opts...)
		sel.InitialOption = init
		blocks = append(blocks, slack.NewInputBlock("status", plain("Status"), nil, sel))
	}
	if kind != "log" {
		dp := slack.NewDatePickerBlockElement("date")
		dp.InitialDate = v.Date
		db := slack.NewInputBlock("date", plain("Date"), plain(dateHint(kind)), dp)
		db.Optional = kind == "kickoff"
		blocks = append(blocks, db)
	}
	if kind == "workshop" || kind == "training" {
		label, hint := "Workshop title", "Optional. Use the same title when you later record it as held."
		if kind == "training" {
			label, hint = "Course", "e.g. Darknet and virtual assets (basic)"
		}
		ti := slack.NewPlainTextInputBlockElement(nil, "title")
		ti.InitialValue, ti.MaxLength = v.Title, 200
		tb := slack.NewInputBlock("title", plain(label), plain(hint), ti)
		tb.Optional = kind == "workshop"
		blocks = append(blocks, tb)
	}
	number := func(field, label, hint, value string, optional bool) {
		n := slack.NewNumberInputBlockElement(nil, field, false)
		n.MinValue, n.InitialValue = "0", value
		b := slack.NewInputBlock(field, plain(label), plain(hint), n)
		b.Optional = optional
		blocks = append(blocks, b)
	}
	switch kind {
	case "training":
		number("trained", "People trained", "Attendance count. Never names.", v.Trained, false)
		number("women", "Of whom women", "Leave empty for none.", v.Women, true)
		number("new", "Trained for the first time", "Only these count towards investigators trained. Empty means all.", v.New, true)
		cb := slack.NewCheckboxGroupsBlockElement("online", option("online", "Held online"))
		if v.Online == "online" {
			cb.InitialOptions = []*slack.OptionBlockObject{option("online", "Held online")}
		}
		ob := slack.NewInputBlock("online", plain("Format"), nil, cb)
		ob.Optional = true
		blocks = append(blocks, ob)
	case "workshop":
		number("participants", "Participants", "Leave empty if not held yet.", v.Participants, true)
		number("women", "Of whom women", "", v.Women, true)
	}
	if kind == "log" || kind == "kickoff" {
		ni := slack.NewPlainTextInputBlockElement(plain("What happened? No names or personal data of trainees."), "note")
		ni.Multiline, ni.InitialValue, ni.MaxLength = true, v.Note, 3000
		nb := slack.NewInputBlock("note", plain("Note"), nil, ni)
		nb.Optional = kind == "kickoff"
		blocks = append(blocks, nb)
	}
	meta, _ := json.Marshal(formMeta{Channel: channel})
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: formCallbackID, PrivateMetadata: string(meta),
		Title: plain("Record an entry"), Submit: plain("Record"), Close: plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

func dateHint(kind string) string {
	switch kind {
	case "training":
		return "The day it took place."
	case "kickoff":
		return "Planned date, or the day it was held (empty: today for held)."
	}
	return "For postponed, the new date."
}

// readForm reads the submitted values.
func readForm(v slack.View) formValues {
	get := func(field string) slack.BlockAction {
		if v.State == nil {
			return slack.BlockAction{}
		}
		return v.State.Values[field][field]
	}
	var f formValues
	f.Kind = get(kindField).SelectedOption.Value
	f.Country = get("country").SelectedOption.Value
	f.Status = get("status").SelectedOption.Value
	f.Date = get("date").SelectedDate
	f.Title = get("title").Value
	f.Note = get("note").Value
	f.Trained, f.Women, f.New, f.Participants = get("trained").Value, get("women").Value, get("new").Value, get("participants").Value
	if opts := get("online").SelectedOptions; len(opts) > 0 {
		f.Online = opts[0].Value
	}
	return f
}

// command writes the form as the command a user would have typed, so the
// form is validated by exactly the same core.
func (f formValues) command() string {
	parts := []string{f.Kind, f.Country}
	quote := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(`"“”„«»`, r) {
				return '\''
			}
			return r
		}, strings.TrimSpace(s))
		return `"` + s + `"`
	}
	opt := func(key, value string) {
		if value != "" {
			parts = append(parts, key+"="+value)
		}
	}
	switch f.Kind {
	case "log":
		parts = append(parts, f.Note)
	case "kickoff":
		parts = append(parts, f.Status, f.Date, f.Note)
	case "workshop":
		parts = append(parts, f.Status, f.Date)
		if strings.TrimSpace(f.Title) != "" {
			parts = append(parts, quote(f.Title))
		}
		opt("participants", f.Participants)
		opt("women", f.Women)
	case "training":
		parts = append(parts, f.Date)
		if strings.TrimSpace(f.Title) != "" {
			parts = append(parts, quote(f.Title))
		}
		opt("trained", f.Trained)
		opt("women", f.Women)
		opt("new", f.New)
		if f.Online != "" {
			parts = append(parts, "online")
		}
	}
	var nonEmpty []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			nonEmpty = append(nonEmpty, p)
		}
	}
	return strings.Join(nonEmpty, " ")
}

// submitForm records a form submission. A refusal is shown next to the
// field at fault and keeps the form open; success closes it and confirms
// in the channel the form came from (or by DM).
func (b *Bot) submitForm(ctx context.Context, ic slack.InteractionCallback) *slack.ViewSubmissionResponse {
	f := readForm(ic.View)
	if f.Country == "" || f.Kind == "" {
		return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors, Errors: map[string]string{"country": "Choose a country."}}
	}
	r := b.handle(ctx, commands.Request{UserID: ic.User.ID, Text: f.command(), Source: commands.FromModal})
	if r.Failed {
		field := r.Field
		if !formHas(ic.View, field) {
			field = kindField // errors of no one field show at the top
		}
		return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors, Errors: map[string]string{field: commands.Truncate(commands.Plain(r.Problem), 150)}}
	}
	var meta formMeta
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta)
	user := ic.User.ID
	b.goBackground("form confirmation", func(ctx context.Context) {
		b.confirm(ctx, meta.Channel, user, r)
	})
	return nil
}

func formHas(v slack.View, field string) bool {
	if field == "" {
		return false
	}
	for _, blk := range v.Blocks.BlockSet {
		if in, ok := blk.(*slack.InputBlock); ok && in.BlockID == field {
			return true
		}
	}
	return false
}

// confirm tells user privately how their form went: an ephemeral message in
// channel, or a direct message when that is not possible.
func (b *Bot) confirm(ctx context.Context, channel, user string, r commands.Reply) {
	ms := messages(r)
	if channel != "" {
		ok := true
		for _, m := range ms {
			if _, err := b.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)); err != nil {
				b.log.Warn("ephemeral confirmation failed; sending a DM", "err", err)
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	dm, err := SlackPoster{API: b.api}.OpenDM(ctx, user)
	if err != nil {
		b.log.Error("cannot open a DM for a confirmation", "err", err)
		return
	}
	if err := b.postThread(ctx, dm, "", r); err != nil {
		b.log.Error("DM confirmation failed", "err", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
