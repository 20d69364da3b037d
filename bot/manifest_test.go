package bot

import (
	"os"
	"strings"
	"testing"
)

// The manifests must ask for what ctbot uses and no more, and point at the
// routes the HTTP transport serves.
func TestManifests(t *testing.T) {
	scopes := []string{"commands", "chat:write", "app_mentions:read", "im:history", "im:write", "files:write",
		"users:read", "channels:history", "groups:history", "assistant:write"}
	events := []string{"app_mention", "message.im", "app_home_opened", "assistant_thread_started", "assistant_thread_context_changed"}
	for _, name := range []string{"../slack-app-manifest.yml", "../slack-app-manifest.http.yml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m := string(b)
		for _, s := range append(scopes, events...) {
			if !strings.Contains(m, "- "+s) {
				t.Errorf("%s lacks %s", name, s)
			}
		}
		if n := strings.Count(m, "\n      - "); n != len(scopes)+len(events) {
			t.Errorf("%s lists %d scopes and events, want exactly %d", name, n, len(scopes)+len(events))
		}
		// Without escaping, Slack sends "@Kofi" as plain text and access add
		// cannot know whom it names.
		if strings.Count(m, "should_escape: true") != 1 || strings.Contains(m, "should_escape: false") {
			t.Errorf("%s does not have /ct escape mentions, channels and links", name)
		}
		if !strings.Contains(m, "command: /ct") || !strings.Contains(m, "home_tab_enabled: true") {
			t.Errorf("%s lacks the slash command or the Home tab", name)
		}
		if !strings.Contains(m, "\n  assistant_view:") || !strings.Contains(m, "\n    assistant_description: ") {
			t.Errorf("%s lacks the assistant pane (features.assistant_view with its description)", name)
		}
		shortcut := "  shortcuts:\n    - name: Record as CT update\n      type: message\n      callback_id: " + recordCallbackID + "\n"
		if !strings.Contains(m, shortcut) {
			t.Errorf("%s lacks the message shortcut %s", name, recordCallbackID)
		}
	}
	httpManifest, _ := os.ReadFile("../slack-app-manifest.http.yml")
	for _, p := range []string{PathCommands, PathEvents, PathInteractions} {
		if !strings.Contains(string(httpManifest), p) {
			t.Errorf("HTTP manifest lacks %s", p)
		}
	}
	if !strings.Contains(string(httpManifest), "message_menu_options_url: https://ctbot.example.org"+PathInteractions) {
		t.Error("HTTP manifest does not send type-ahead requests to the interactivity route")
	}
	socketManifest, _ := os.ReadFile("../slack-app-manifest.yml")
	if !strings.Contains(string(socketManifest), "socket_mode_enabled: true") {
		t.Error("socket manifest does not enable Socket Mode")
	}
}
