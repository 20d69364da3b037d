package commands

import (
	"github.com/cttechplus/ctbot/reply"
)

// Reply is the answer to a request: a transport-neutral document and what
// became of the request. The console prints reply.Text(Doc); Slack renders
// the document as Block Kit (package bot).
type Reply struct {
	Doc reply.Doc
	// EntryID is the entry the request recorded or changed, if any.
	EntryID int64
	// Failed is set when the request was refused or went wrong; nothing
	// changed. Problem is the one-sentence reason and Field the input at
	// fault, if known (forms show it next to that field).
	Failed  bool
	Problem reply.Inline
	Field   string
	// Command is the command that ran ("unknown" if none was recognised)
	// and Outcome how it ended: ok, duplicate, bad_input, forbidden, busy
	// or error. Transports count them.
	Command string
	Outcome string
	// Public asks transports to show the reply to the whole channel.
	Public bool
	// Shareable marks a reply that holds only the programme's figures
	// (status, answers to questions about figures): where a question was
	// asked in a channel, it may be answered there. Every other reply
	// (entries' free text, people, roles, audit trails, the confirmation
	// of a change) goes to the person who asked alone.
	Shareable bool
	// Form asks the transport to open the entry form (slash commands with
	// no arguments, the Edit button).
	Form *Form
	// File is a document for the person who asked only (an export): Slack
	// sends it by direct message, the console writes it to a file.
	File *reply.File
	// Notices are direct messages to other people the request asks for
	// (a request for access, to each coordinator).
	Notices []Notice
	// Settled is what a reminder says once this request answered it: what
	// was recorded and by whom (nil when the request answered none).
	Settled reply.Doc
}

// Notice is a direct message to User.
type Notice struct {
	User string
	Doc  reply.Doc
}

// Form is an entry form to open: the entry type and the values filled in.
// With Entry set, submitting it amends that entry.
type Form struct {
	Kind   string
	Entry  int64
	Values map[string]string
	// Series is the event a reminder's Held button records (see Request.Series).
	Series int64
}

// Text renders the reply as plain text.
func (r Reply) Text() string { return reply.Text(r.Doc) }
