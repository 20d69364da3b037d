package main

import (
	"database/sql"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/cttechplus/ctbot/bot"
)

// serveBaseline serves the bare handler ctbot is compared with: read the
// body, verify the signature, insert one row into SQLite (WAL,
// synchronous=FULL, one writer connection, as ctbot) and answer; a status
// request reads the latest row instead.
func serveBaseline(addr, path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_busy_timeout=5000&_synchronous=FULL&_txlock=immediate")
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	reader, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_busy_timeout=5000&_query_only=1")
	if err != nil {
		return err
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, user_id TEXT, text TEXT, created_at TEXT)`); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, bot.MaxCommandBody))
		if err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := bot.Verify(r.Header, body, secret, time.Now()); err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		form, _ := url.ParseQuery(string(body))
		if strings.HasPrefix(form.Get("text"), "status") {
			var id int64
			_ = reader.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&id)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"response_type":"ephemeral","text":"Status: `+strconv.FormatInt(id, 10)+` entries"}`)
			return
		}
		res, err := db.Exec(`INSERT INTO entries (user_id, text, created_at) VALUES (?, ?, ?)`,
			form.Get("user_id"), form.Get("text"), time.Now().UTC().Format(time.RFC3339Nano))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		id, _ := res.LastInsertId()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"response_type":"ephemeral","text":"Recorded #`+strconv.FormatInt(id, 10)+`"}`)
	})
	return (&http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}).ListenAndServe()
}
