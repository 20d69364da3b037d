package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
	"github.com/cttechplus/ctbot/reply"
)

// IDs of the entry form. Each input's block ID and action ID are the name of
// the field the command core reports errors against ("country", "date", ...).
const (
	formCallbackID = "ct_entry"
	editCallbackID = "ct_edit"
	kindField      = "kind"
	countryField   = "country"
	reasonField    = "reason"
	checksField    = "checks"
)

// maxStaticOptions is Slack's limit of options in a static select; with
// more countries the form uses a type-ahead (external select).
const maxStaticOptions = 100

// formValues are what the user has filled in so far.
type formValues struct {
	Kind, Country, Status, Date, DateTo, Title, Note string
	Course, Topic, Level                             string // a code of the catalogue, or a topic and level
	Trained, Women, New, NewWomen, Participants      string
	Online                                           string
	Reason, Source, Link                             string
	Checks                                           []string // "again", "confirm"
}

// formMeta travels in the view's private_metadata. Entry is set when the
// form edits an entry (of type Kind) rather than records a new one.
type formMeta struct {
	Channel string `json:"channel,omitempty"`
	Entry   int64  `json:"entry,omitempty"`
	Kind    string `json:"kind,omitempty"`
	// Series and TS are set when a reminder's Held button opened the
	// form: the event it records, and the reminder (in Channel) to update.
	Series int64  `json:"series,omitempty"`
	TS     string `json:"ts,omitempty"`
	// Message is set when the form records a message (the message
	// shortcut): its ts. Thread is set when that message is in a thread:
	// the confirmation goes there (into no thread otherwise: Slack shows
	// nothing posted under a message that has none).
	Message string `json:"message,omitempty"`
	Thread  string `json:"thread,omitempty"`
}

func option(value, label string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, plainText(label, 75), nil)
}

// countryOptions are the countries a form may choose, with "programme"
// first for updates; query, if not empty, keeps those whose name, code or
// alias contains it.
func countryOptions(l *locale.Loc, fw *ctbot.Framework, kind, query string) []*slack.OptionBlockObject {
	var out []*slack.OptionBlockObject
	q := strings.ToLower(strings.TrimSpace(query))
	match := func(names ...string) bool {
		for _, n := range names {
			if strings.Contains(strings.ToLower(n), q) {
				return true
			}
		}
		return q == ""
	}
	if kind == "log" && match("programme", l.S("form.programme")) {
		out = append(out, option("programme", l.S("form.programme")))
	}
	for _, c := range fw.Countries {
		names := append([]string{c.Name, c.Code}, c.Aliases...)
		for _, n := range c.Names {
			names = append(names, n)
		}
		if match(names...) {
			out = append(out, option(c.Code, c.NameIn(l.Lang())))
		}
	}
	return out
}

// entryForm builds the form for one entry type in user's language, keeping
// values already filled in. With meta.Entry set it edits that entry: the
// type and status are fixed, and a reason may be given. Its text inputs
// hold what storage takes (ctbot's caps, its characters): a value filled
// in from a message or an older entry is fitted to them.
func (b *Bot) entryForm(user, kind string, meta formMeta, v formValues) slack.ModalViewRequest {
	l := b.core.Loc(user)
	fw := b.core.Framework()
	if !contains(commands.FormKinds, kind) {
		kind = "log"
	}
	editing := meta.Entry != 0
	var blocks []slack.Block
	if editing {
		meta.Kind = kind
		blocks = append(blocks, slack.NewContextBlock("", slack.NewTextBlockObject(slack.PlainTextType,
			truncate(l.S("form.editing", "ID", strconv.FormatInt(meta.Entry, 10), "Kind", l.S("form.kind."+kind)), 2000), false, false)))
	} else {
		var kindOpts []*slack.OptionBlockObject
		for _, k := range commands.FormKinds {
			kindOpts = append(kindOpts, option(k, l.S("form.kind."+k)))
		}
		kindSel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, kindField, kindOpts...)
		kindSel.InitialOption = option(kind, l.S("form.kind."+kind))
		kb := slack.NewInputBlock(kindField, plainText(l.S("form.what"), 2000), nil, kindSel)
		kb.DispatchAction = true
		blocks = append(blocks, kb)
	}

	all := countryOptions(l, fw, kind, "")
	var initial *slack.OptionBlockObject
	for _, o := range all {
		if o.Value == v.Country {
			initial = o
		}
	}
	var countrySel *slack.SelectBlockElement
	if len(all) <= maxStaticOptions {
		countrySel = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(l.S("form.choose_country"), 150), countryField, all...)
	} else {
		countrySel = slack.NewOptionsSelectBlockElement(slack.OptTypeExternal, plainText(l.S("form.type_country"), 150), countryField)
		zero := 0
		countrySel.MinQueryLength = &zero
	}
	countrySel.InitialOption = initial
	blocks = append(blocks, slack.NewInputBlock(countryField, plainText(l.S("form.country"), 2000), nil, countrySel))

	if (kind == "kickoff" || kind == "workshop") && !editing {
		var opts []*slack.OptionBlockObject
		var init *slack.OptionBlockObject
		for _, s := range ctbot.Statuses {
			o := option(string(s), l.S("form.status_option."+string(s)))
			opts = append(opts, o)
			if string(s) == v.Status {
				init = o
			}
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(l.S("form.choose"), 150), "status", opts...)
		sel.InitialOption = init
		blocks = append(blocks, slack.NewInputBlock("status", plainText(l.S("form.status"), 2000), nil, sel))
	}
	if kind != "log" {
		dp := slack.NewDatePickerBlockElement("date")
		dp.InitialDate = v.Date
		db := slack.NewInputBlock("date", plainText(l.S("form.date"), 2000), plainText(l.S("form.date_hint."+kind), 2000), dp)
		db.Optional = kind == "kickoff"
		blocks = append(blocks, db)
	}
	if kind == "training" { // a training over several days: its last day
		dp := slack.NewDatePickerBlockElement("date_to")
		dp.InitialDate = v.DateTo
		db := slack.NewInputBlock("date_to", plainText(l.S("form.date_to"), 2000), plainText(l.S("form.date_to_hint"), 2000), dp)
		db.Optional = true
		blocks = append(blocks, db)
	}
	catalogue := kind == "training" && len(fw.Courses) > 0
	if catalogue {
		var codes, titles []string
		for _, c := range fw.Courses[:min(len(fw.Courses), maxStaticOptions)] {
			codes, titles = append(codes, c.Code), append(titles, c.TitleIn(l.Lang()))
		}
		blocks = append(blocks, choice(l, "course", codes, titles, v.Course))
	}
	if kind == "training" {
		levels := make([]string, len(ctbot.CourseLevels))
		for i, lv := range ctbot.CourseLevels {
			levels[i] = l.S("courses.level." + lv)
		}
		topics := make([]string, len(fw.Topics))
		for i, t := range fw.Topics {
			topics[i] = fw.TopicIn(l.Lang(), t)
		}
		blocks = append(blocks, choice(l, "topic", fw.Topics, topics, v.Topic), choice(l, "level", ctbot.CourseLevels, levels, v.Level))
	}
	if kind == "workshop" || kind == "training" {
		ti := slack.NewPlainTextInputBlockElement(nil, "title")
		ti.InitialValue, ti.MaxLength = ctbot.FitText(ctbot.TitleText, v.Title), ctbot.TitleText.Max
		hint := l.S("form.title_hint." + kind)
		if catalogue {
			hint = l.S("form.title_hint.training_catalogue")
		}
		tb := slack.NewInputBlock("title", plainText(l.S("form.title."+kind), 2000), plainText(hint, 2000), ti)
		tb.Optional = kind == "workshop" || catalogue
		blocks = append(blocks, tb)
	}
	number := func(field, value string, optional bool) {
		n := slack.NewNumberInputBlockElement(nil, field, false)
		n.MinValue, n.InitialValue = "0", value
		var hint *slack.TextBlockObject
		if h := l.S("form.hint." + kind + "." + field); h != "-" {
			hint = plainText(h, 2000)
		}
		blk := slack.NewInputBlock(field, plainText(l.S("form.label."+kind+"."+field), 2000), hint, n)
		blk.Optional = optional
		blocks = append(blocks, blk)
	}
	switch kind {
	case "training":
		number("trained", v.Trained, false)
		number("women", v.Women, true)
		number("new", v.New, true)
		number("new_women", v.NewWomen, true)
		online := option("online", l.S("form.online"))
		cb := slack.NewCheckboxGroupsBlockElement("online", online)
		if v.Online == "online" {
			cb.InitialOptions = []*slack.OptionBlockObject{online}
		}
		ob := slack.NewInputBlock("online", plainText(l.S("form.format"), 2000), nil, cb)
		ob.Optional = true
		blocks = append(blocks, ob)
	case "workshop":
		number("participants", v.Participants, true)
		number("women", v.Women, true)
	}
	if kind == "log" || kind == "kickoff" {
		ni := slack.NewPlainTextInputBlockElement(plainText(l.S("form.note_placeholder"), 150), "note")
		ni.Multiline, ni.InitialValue, ni.MaxLength = true, ctbot.FitText(ctbot.NoteText, v.Note), ctbot.NoteText.Max
		nb := slack.NewInputBlock("note", plainText(l.S("form.note"), 2000), nil, ni)
		nb.Optional = kind == "kickoff"
		blocks = append(blocks, nb)
	}
	// The means of verification: a document's name, and a link to it (a
	// file or message link pasted from Slack will do).
	si := slack.NewPlainTextInputBlockElement(plainText(l.S("form.source_placeholder"), 150), "source")
	si.InitialValue, si.MaxLength = ctbot.FitText(ctbot.SourceText, v.Source), ctbot.SourceText.Max
	sb := slack.NewInputBlock("source", plainText(l.S("form.source"), 2000), nil, si)
	sb.Optional = true
	li := slack.NewURLTextInputBlockElement(plainText(l.S("form.link_placeholder"), 150), "link")
	li.InitialValue = ctbot.FitText(ctbot.LinkText, v.Link)
	lb := slack.NewInputBlock("link", plainText(l.S("form.link"), 2000), plainText(l.S("form.link_hint"), 2000), li)
	lb.Optional = true
	blocks = append(blocks, sb, lb)
	if kind == "training" {
		var opts, init []*slack.OptionBlockObject
		for _, c := range []string{"again", "confirm"} {
			o := option(c, l.S("form.check."+c))
			opts = append(opts, o)
			if contains(v.Checks, c) {
				init = append(init, o)
			}
		}
		cb := slack.NewCheckboxGroupsBlockElement(checksField, opts...)
		cb.InitialOptions = init
		blk := slack.NewInputBlock(checksField, plainText(l.S("form.checks"), 2000), nil, cb)
		blk.Optional = true
		blocks = append(blocks, blk)
	}
	callback, title, submit := formCallbackID, l.S("form.modal_title"), l.S("form.submit")
	if editing {
		ri := slack.NewPlainTextInputBlockElement(plainText(l.S("form.reason_placeholder"), 150), reasonField)
		ri.InitialValue, ri.MaxLength = ctbot.FitText(ctbot.ReasonText, v.Reason), ctbot.ReasonText.Max
		rb := slack.NewInputBlock(reasonField, plainText(l.S("form.reason"), 2000), nil, ri)
		rb.Optional = true
		blocks = append(blocks, rb)
		callback, title, submit = editCallbackID, l.S("form.edit_title", "ID", strconv.FormatInt(meta.Entry, 10)), l.S("form.save")
	}
	md, _ := json.Marshal(meta)
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callback, PrivateMetadata: string(md),
		Title: plainText(title, 24), Submit: plainText(submit, 24), Close: plainText(l.S("form.cancel"), 24),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

// choice is an optional select of field among values (shown as labels).
func choice(l *locale.Loc, field string, values, labels []string, initial string) *slack.InputBlock {
	var opts []*slack.OptionBlockObject
	var init *slack.OptionBlockObject
	for i, v := range values {
		o := option(v, labels[i])
		opts = append(opts, o)
		if v == initial {
			init = o
		}
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(l.S("form.choose"), 150), field, opts...)
	sel.InitialOption = init
	blk := slack.NewInputBlock(field, plainText(l.S("form."+field), 2000), plainText(l.S("form."+field+"_hint"), 2000), sel)
	blk.Optional = true
	return blk
}

// formValuesOf are the values a form the core asks for is filled with.
func formValuesOf(f *commands.Form) formValues {
	v := f.Values
	return formValues{Country: v["country"], Status: v["status"], Date: v["date"], DateTo: v["date_to"], Title: v["title"], Course: v["course"],
		Topic: v["topic"], Level: v["level"], Note: v["note"], Trained: v["trained"], Women: v["women"], New: v["new"],
		NewWomen: v["new_women"], Participants: v["participants"], Online: v["online"], Source: v["source"], Link: v["link"]}
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
	f.Country = get(countryField).SelectedOption.Value
	f.Status = get("status").SelectedOption.Value
	f.Date, f.DateTo = get("date").SelectedDate, get("date_to").SelectedDate
	f.Title = get("title").Value
	f.Course = get("course").SelectedOption.Value
	f.Topic, f.Level = get("topic").SelectedOption.Value, get("level").SelectedOption.Value
	f.Note = get("note").Value
	f.Trained, f.Women, f.New, f.Participants = get("trained").Value, get("women").Value, get("new").Value, get("participants").Value
	f.NewWomen = get("new_women").Value
	if opts := get("online").SelectedOptions; len(opts) > 0 {
		f.Online = opts[0].Value
	}
	for _, o := range get(checksField).SelectedOptions {
		f.Checks = append(f.Checks, o.Value)
	}
	f.Reason = get(reasonField).Value
	f.Source, f.Link = get("source").Value, get("link").Value
	return f
}

// input is the form as the entry it gives, typed: what the core records,
// or amends its entry with, by the same checks as the command of its kind
// (never as command text read again: what was typed stays as typed). A
// number or date Slack would not have sent is refused by its field.
func (f formValues) input() (commands.Input, error) {
	country := f.Country
	if country == "programme" {
		country = ""
	}
	date, err := commands.FormDate("date", f.Date)
	if err != nil {
		return nil, err
	}
	counts := map[string]*int{}
	dateTo, err := commands.FormDate("date_to", f.DateTo)
	if err != nil {
		return nil, err
	}
	for _, c := range [][2]string{{"participants", f.Participants}, {"trained", f.Trained}, {"women", f.Women}, {"new", f.New}, {"new_women", f.NewWomen}} {
		if counts[c[0]], err = commands.FormCount(c[0], c[1]); err != nil {
			return nil, err
		}
	}
	ev := commands.Evidence{Source: f.Source, Link: f.Link}
	switch f.Kind {
	case "kickoff":
		return &commands.KickoffInput{Country: country, Status: ctbot.Status(f.Status), Date: date, Note: f.Note, Evidence: ev}, nil
	case "workshop":
		return &commands.WorkshopInput{Country: country, Status: ctbot.Status(f.Status), Date: date, Title: f.Title,
			Participants: orZero(counts["participants"]), Women: counts["women"], Evidence: ev}, nil
	case "training":
		in := &commands.TrainingInput{Country: country, Date: date, DateTo: dateTo, Course: f.Course, Title: f.Title, Trained: orZero(counts["trained"]),
			Women: counts["women"], New: counts["new"], NewWomen: counts["new_women"], Online: f.Online != "", Again: contains(f.Checks, "again"),
			Confirm: contains(f.Checks, "confirm"), Evidence: ev}
		if f.Course == "" { // a course of the catalogue says what it taught
			in.Topic, in.Level = f.Topic, f.Level
		}
		return in, nil
	}
	return &commands.LogInput{Country: country, Note: f.Note, Evidence: ev}, nil
}

// orZero is *n, or 0 for nil.
func orZero(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// submitForm records a form submission. A refusal is shown next to the
// field at fault and keeps the form open; success closes it and confirms
// in the channel the form came from (or by DM). Slack waits 3 s for the
// answer: a submission not done within the ack budget closes the form at
// once, and its outcome, refusal or not, follows the same way as a
// confirmation.
//
// An edit form (meta.Entry set) amends its entry instead; its errors of no
// one field show by the reason, the one field every edit form has.
func (b *Bot) submitForm(ctx context.Context, o origin, ic slack.InteractionCallback, keys []string) *slack.ViewSubmissionResponse {
	var meta formMeta
	_ = json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta)
	f := readForm(ic.View)
	if errs := b.textErrors(ctx, ic.User.ID, ic.View, f); len(errs) > 0 {
		return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors, Errors: errs}
	}
	top, editing := kindField, ic.View.CallbackID == editCallbackID
	if editing {
		f.Kind, top = meta.Kind, reasonField
	}
	if f.Country == "" || f.Kind == "" || meta.Entry == 0 && editing {
		l := b.core.Loc(ic.User.ID)
		return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors, Errors: map[string]string{countryField: l.S("form.choose_country")}}
	}
	in, err := f.input()
	if err != nil {
		field := ctbot.FieldOf(err)
		if !formHas(ic.View, field) {
			field = top
		}
		return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors,
			Errors: map[string]string{field: truncate(reply.PlainText(b.core.Problem(ctx, ic.User.ID, err)), 150)}}
	}
	req := commands.Request{UserID: ic.User.ID, Source: commands.FromModal, Keys: keys, Series: meta.Series}
	if meta.TS != "" {
		req.SettleLanguage = b.reminderLanguage(meta.Channel)
	}
	submit := func(ctx context.Context) commands.Reply { return b.core.Submit(ctx, req, in) }
	if editing {
		submit = func(ctx context.Context) commands.Reply { return b.core.SubmitEdit(ctx, req, meta.Entry, in, f.Reason) }
	}
	done := make(chan commands.Reply, 1)
	// On the bot's context: closing the form early must not cancel the write.
	b.goBackground("form submission", func(ctx context.Context) { done <- b.run(ctx, o, req.UserID, submit) })
	budget, stop := b.after(b.ackBudget)
	defer stop()
	user := ic.User.ID
	tell := func(r commands.Reply) {
		if meta.Message != "" || meta.Thread != "" {
			r = fromMessage(b.core.Loc(user), r)
		}
		b.goBackground("form confirmation", func(ctx context.Context) {
			b.confirm(ctx, meta.Channel, meta.Thread, user, r)
			b.settle(ctx, meta.Channel, meta.TS, r)
		})
	}
	select {
	case r := <-done:
		if r.Failed {
			field := r.Field
			if !formHas(ic.View, field) {
				field = top // errors of no one field show at the top
			}
			return &slack.ViewSubmissionResponse{ResponseAction: slack.RAErrors, Errors: map[string]string{field: truncate(reply.PlainText(r.Problem), 150)}}
		}
		tell(r)
	case <-budget:
		b.log.Warn("form submission slower than the ack budget; the form closes and its outcome follows", "budget", b.ackBudget)
		b.goBackground("slow form submission", func(ctx context.Context) {
			select {
			case r := <-done:
				tell(r)
			case <-ctx.Done():
				b.log.Error("form submission did not finish; its outcome is not known", "user", user)
			}
		})
	}
	return nil
}

// textErrors are the problems of the form's text inputs, each by its
// input: every text is checked as the command core and storage check it,
// whatever the form's own max_length let through.
func (b *Bot) textErrors(ctx context.Context, user string, v slack.View, f formValues) map[string]string {
	errs := map[string]string{}
	for _, t := range []struct {
		f ctbot.TextField
		s string
	}{{ctbot.NoteText, f.Note}, {ctbot.TitleText, f.Title}, {ctbot.SourceText, f.Source}, {ctbot.LinkText, f.Link}, {ctbot.ReasonText, f.Reason}} {
		if p := b.core.Problem(ctx, user, t.f.Check(ctbot.CleanText(t.s))); p != nil && formHas(v, t.f.Name) {
			errs[t.f.Name] = truncate(reply.PlainText(p), 150)
		}
	}
	return errs
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
// channel (in thread, if set), or a direct message when that is not possible.
func (b *Bot) confirm(ctx context.Context, channel, thread, user string, r commands.Reply) {
	ms := b.capped(user, messages(r))
	if channel != "" {
		ok := true
		for _, m := range ms {
			opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
			if thread != "" {
				opts = append(opts, slack.MsgOptionTS(thread))
			}
			if _, err := b.api.PostEphemeralContext(ctx, channel, user, opts...); err != nil {
				b.log.Warn("ephemeral confirmation failed; sending a DM", "err", err)
				ok = false
				break
			}
		}
		if ok {
			return
		}
	}
	if err := b.postDM(ctx, user, ms); err != nil {
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
