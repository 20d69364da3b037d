package reply

import (
	"context"
	"io"
)

// Block is one part of a document.
type Block interface{ isBlock() }

// Doc is a document: blocks in reading order.
type Doc []Block

// Heading is a title, shown large where the transport can.
type Heading struct{ Text Inline }

// Para is a paragraph; line breaks in it are kept.
type Para struct{ Text Inline }

// List is a bulleted list.
type List struct {
	Title Inline // optional, shown in bold above the items
	Items []Inline
}

// Fields are key figures: label and value pairs.
type Fields struct{ Items []Field }

// Field is one key figure.
type Field struct{ Label, Value Inline }

// Table is rows of cells under column titles.
type Table struct {
	Columns []Column
	Rows    [][]Inline
}

// Column is a table column; numeric columns are aligned right.
type Column struct {
	Title   Inline
	Numeric bool
}

// Note is small print.
type Note struct{ Text Inline }

// Divider is a line between parts.
type Divider struct{}

// Actions is a row of buttons.
type Actions struct{ Buttons []Button }

// AltMax is the most characters an image's alt text may have: Slack
// refuses an upload with more (alt_txt_too_large).
const AltMax = 1000

// Image is a picture with the text that describes it (at most AltMax
// characters).
type Image struct {
	PNG      []byte
	Title    string
	Alt      string
	Filename string
}

// File is a document that goes with a reply, to the person who asked only
// (an export): its file name, its title and how to make it.
type File struct {
	Name, Title string
	// Open makes the document and opens it to read, with its size in
	// bytes; closing it frees (and deletes) it. Open may wait for the
	// document's turn and take long: call it once, after the reply is
	// sent, even to give up (with a done context).
	Open func(ctx context.Context) (io.ReadCloser, int64, error)
}

func (Heading) isBlock() {}
func (Para) isBlock()    {}
func (List) isBlock()    {}
func (Fields) isBlock()  {}
func (Table) isBlock()   {}
func (Note) isBlock()    {}
func (Divider) isBlock() {}
func (Actions) isBlock() {}
func (Image) isBlock()   {}

// Intent is what a button does, independent of how a transport names it.
type Intent string

// Button intents. Arg carries what the intent acts on.
const (
	IntentUndo        Intent = "undo"         // Arg: entry ID; retract it (same rules as /ct undo ID)
	IntentEdit        Intent = "edit"         // Arg: entry ID; open the form filled in
	IntentRun         Intent = "run"          // Arg: a command line to run as the person who clicked
	IntentOpenForm    Intent = "form"         // Arg: entry kind (and prefilled values) for the form
	IntentAskAccess   Intent = "ask-access"   // ask the coordinators for access
	IntentEventAnswer Intent = "event-answer" // Arg: "series/date/answer", from a reminder (commands.EventActions)
)

// Button is one button. Label is plain text (never markup).
type Button struct {
	Label   string
	Intent  Intent
	Arg     string
	Primary bool
	Danger  bool
	Confirm *Confirm // asks before acting, if set
	// PickDate makes it a date picker labelled Label: choosing a date
	// acts, with "/" and the date (YYYY-MM-DD) appended to Arg.
	PickDate bool
}

// Confirm is the question a button asks before it acts; all plain text.
type Confirm struct{ Title, Text, Yes, No string }

// Append adds blocks to d, leaving out nil ones.
func (d Doc) Append(bs ...Block) Doc {
	for _, b := range bs {
		if b != nil {
			d = append(d, b)
		}
	}
	return d
}

// Buttons returns every button in d, in order.
func (d Doc) Buttons() []Button {
	var out []Button
	for _, b := range d {
		if a, ok := b.(Actions); ok {
			out = append(out, a.Buttons...)
		}
	}
	return out
}
