package bot

import (
	"net/http"
	"strconv"
	"testing"
)

// TestExportComesByDirectMessage: a workbook goes to the person who asked,
// alone, never into the channel the command came from.
func TestExportComesByDirectMessage(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", `training kenya 2026-09-20 "OSINT" trained=25 women=9 source="Attendance sheet"`))
	ack := ackOf(t, h.slash("UCOORD", "export 2026-Q3"))
	mustContain(t, ack.Text, "comes by direct message")
	done := h.slack.WaitFor("files.completeUploadExternal", 1)[0]
	if ch := done.Form.Get("channel_id"); ch != "DUCOORD" {
		t.Errorf("the workbook went to %q, not the coordinator's DM", ch)
	}
	mustContain(t, h.slack.WaitFor("files.getUploadURLExternal", 1)[0].Raw(), "CT-TECH-2026-Q3.xlsx")
	up := h.slack.WaitFor("upload", 1)[0]
	if n, _ := strconv.Atoi(up.Form.Get("bytes")); n < 1000 {
		t.Errorf("uploaded %d bytes", n)
	}
	// Staff may not export; nothing is uploaded.
	ack = ackOf(t, h.slash("USTAFF", "export"))
	mustContain(t, ack.Text, "Only coordinators and managers may export")
	// When Slack refuses the file, the person is told by DM.
	h.slack.Fail("files.getUploadURLExternal", http.StatusBadRequest, "")
	ackOf(t, h.slash("UMGR", "export 2026-Q3"))
	h.settle()
	msg := h.slack.WaitFor("chat.postMessage", 1)[0]
	if msg.Form.Get("channel") != "DUMGR" {
		t.Errorf("the failure went to %s", msg.Form.Get("channel"))
	}
	mustContain(t, msg.Form.Get("text"), "could not send you CT-TECH-2026-Q3.xlsx")
}
