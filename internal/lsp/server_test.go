package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint"
)

// wait bounds every wait for the server, so a broken server fails the test
// instead of hanging it.
const wait = 10 * time.Second

const (
	draftURI = "file:///srv/replies/draft.md"
	draft    = "Hi Anna,\n\nI don't know when it ships.\n\nBest,\nSam\n"
)

// client drives a Server through in-memory pipes, as an editor would.
type client struct {
	t      *testing.T
	toSrv  io.WriteCloser
	w      *Writer
	msgs   chan *message // everything the server writes, in order
	parked []*message    // notifications read while waiting for a response
	nextID int
	served chan error // Serve's result
}

func defaultEngine(string) (*engine.Engine, error) { return engine.New(engine.Config{}) }

func start(t *testing.T, opts Options) *client {
	t.Helper()
	if opts.Engine == nil {
		opts.Engine = defaultEngine
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	served := make(chan error, 1)
	srv := NewServer(opts)
	go func() {
		err := srv.Serve(inR, outW)
		outW.Close()
		served <- err
	}()
	return connect(t, inW, outR, served)
}

// connect is a client of the server that reads toSrv and writes fromSrv,
// and sends Serve's result (or the process's) on served.
func connect(t *testing.T, toSrv io.WriteCloser, fromSrv io.Reader, served chan error) *client {
	c := &client{t: t, toSrv: toSrv, w: NewWriter(toSrv), msgs: make(chan *message, 1000), served: served}
	go func() {
		r := NewReader(fromSrv, 0)
		defer close(c.msgs)
		for {
			body, err := r.ReadMessage()
			if err != nil {
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server wrote %q: %v", body, err)
				return
			}
			c.msgs <- &m
		}
	}()
	t.Cleanup(func() {
		toSrv.Close()
		// Drain what is left so the server never blocks on a write.
		go func() {
			for range c.msgs {
			}
		}()
		select {
		case <-c.served:
		case <-time.After(wait):
			t.Errorf("the server did not stop when its input closed")
		}
	})
	return c
}

// initialize performs the handshake.
func (c *client) initialize(params any) *InitializeResult {
	c.t.Helper()
	if params == nil {
		params = map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}
	}
	var res InitializeResult
	c.call("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return &res
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.w.WriteMessage(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		c.t.Fatalf("sending %s: %v", method, err)
	}
}

// request sends a request and returns its response.
func (c *client) request(method string, params any) *message {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(fmt.Sprint(c.nextID))
	req := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  string          `json:"method"`
		Params  any             `json:"params,omitempty"`
	}{"2.0", id, method, params}
	if err := c.w.WriteMessage(req); err != nil {
		c.t.Fatalf("sending %s: %v", method, err)
	}
	return c.next(func(m *message) bool { return m.Method == "" && string(m.ID) == string(id) }, method+" response")
}

// call sends a request and decodes its result into out.
func (c *client) call(method string, params, out any) {
	c.t.Helper()
	m := c.request(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if out != nil {
		if err := json.Unmarshal(m.Result, out); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

// next returns the first message, parked or new, that match accepts; the
// others stay parked.
func (c *client) next(match func(*message) bool, what string) *message {
	c.t.Helper()
	for i, m := range c.parked {
		if match(m) {
			c.parked = append(c.parked[:i], c.parked[i+1:]...)
			return m
		}
	}
	timeout := time.After(wait)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("waiting for %s: the server closed its output", what)
			}
			if match(m) {
				return m
			}
			c.parked = append(c.parked, m)
		case <-timeout:
			c.t.Fatalf("waiting for %s: nothing after %v", what, wait)
		}
	}
}

// diagnostics waits for the next publishDiagnostics for uri.
func (c *client) diagnostics(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	m := c.next(func(m *message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p PublishDiagnosticsParams
		return json.Unmarshal(m.Params, &p) == nil && p.URI == uri
	}, "diagnostics for "+uri)
	var p PublishDiagnosticsParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}

func (c *client) open(uri, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: text}})
}

func (c *client) change(uri string, version int, changes ...ContentChange) {
	c.t.Helper()
	c.notify("textDocument/didChange", DidChangeParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: changes})
}

// exit ends the session the proper way and returns Serve's result.
func (c *client) exit() error {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		c.served <- err
		return err
	case <-time.After(wait):
		c.t.Fatalf("the server did not stop after exit")
	}
	return nil
}

func onlyDiagnostic(t *testing.T, p PublishDiagnosticsParams) Diagnostic {
	t.Helper()
	if len(p.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %+v", len(p.Diagnostics), p.Diagnostics)
	}
	return p.Diagnostics[0]
}

func TestInitialize(t *testing.T) {
	c := start(t, Options{Version: "1.2.3"})
	res := c.initialize(nil)
	caps := res.Capabilities
	if caps.PositionEncoding != "utf-16" || caps.TextDocumentSync.Change != SyncIncremental || !caps.TextDocumentSync.OpenClose ||
		!caps.HoverProvider || len(caps.CodeActionProvider.CodeActionKinds) != 1 || caps.CodeActionProvider.CodeActionKinds[0] != "quickfix" {
		t.Errorf("capabilities: %+v", caps)
	}
	if res.ServerInfo != (ServerInfo{"replykit", "1.2.3"}) {
		t.Errorf("serverInfo: %+v", res.ServerInfo)
	}
	if m := c.request("initialize", map[string]any{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("a second initialize: %+v", m)
	}
}

func TestOpenPublishesDiagnostics(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	c.open(draftURI, draft)
	p := c.diagnostics(draftURI)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version: %v, want 1", p.Version)
	}
	d := onlyDiagnostic(t, p)
	want := Range{Position{2, 0}, Position{2, 12}}
	if d.Range != want || d.Code != "negative.i-dont-know" || d.Source != "replykit" || d.Severity != SeverityWarning {
		t.Errorf("diagnostic: %+v", d)
	}
	if !strings.Contains(d.Message, "I don't know") || !strings.Contains(d.Message, "\nTry: ") {
		t.Errorf("message %q: want the rule's message and its suggestion", d.Message)
	}
	if d.Data == nil || len(d.Data.Fixes) != 1 || len(d.Data.Fixes[0].Edits) != 1 ||
		d.Data.Fixes[0].Edits[0] != (TextEdit{Range: want, NewText: "I'll find out"}) {
		t.Errorf("data: %+v", d.Data)
	}
}

func TestIncrementalChange(t *testing.T) {
	c := start(t, Options{Debounce: 10 * time.Millisecond})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)

	// An emoji (two UTF-16 units) and a space before the finding, on its line.
	c.change(draftURI, 2, ContentChange{Range: &Range{Position{2, 0}, Position{2, 0}}, Text: "🎉 "})
	p := c.diagnostics(draftURI)
	if d := onlyDiagnostic(t, p); *p.Version != 2 || d.Range != (Range{Position{2, 3}, Position{2, 15}}) {
		t.Errorf("after the emoji: version %d, range %+v; want 2, 2:3-2:15", *p.Version, d.Range)
	}
	if e := onlyDiagnostic(t, p).Data.Fixes[0].Edits[0]; e.Range != (Range{Position{2, 3}, Position{2, 15}}) {
		t.Errorf("the fix's edit: %+v", e)
	}

	// Two changes in one notification: a line above the finding, then the
	// greeting rewritten across the line break; positions of the second
	// count in the text the first produced.
	c.change(draftURI, 3,
		ContentChange{Range: &Range{Position{0, 0}, Position{0, 0}}, Text: "Re: 🙂\n"},
		ContentChange{Range: &Range{Position{1, 3}, Position{2, 0}}, Text: "Bo,\n\n"},
	)
	p = c.diagnostics(draftURI)
	if d := onlyDiagnostic(t, p); *p.Version != 3 || d.Range != (Range{Position{4, 3}, Position{4, 15}}) {
		t.Errorf("after two edits: version %d, range %+v; want 3, 4:3-4:15", *p.Version, d.Range)
	}

	// Deleting the phrase clears the finding.
	c.change(draftURI, 4, ContentChange{Range: &Range{Position{4, 3}, Position{4, 15}}, Text: "We are checking"})
	if p := c.diagnostics(draftURI); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", p.Diagnostics)
	}

	// A full-text change replaces everything.
	c.change(draftURI, 5, ContentChange{Text: "I don't know."})
	if d := onlyDiagnostic(t, c.diagnostics(draftURI)); d.Range != (Range{Position{0, 0}, Position{0, 12}}) {
		t.Errorf("after a full change: %+v", d.Range)
	}
}

// TestDebounce checks that a burst of changes is linted once, at its end.
func TestDebounce(t *testing.T) {
	c := start(t, Options{Debounce: time.Second})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)
	for v := 2; v <= 6; v++ {
		c.change(draftURI, v, ContentChange{Range: &Range{Position{0, 0}, Position{0, 0}}, Text: "x"})
	}
	began := time.Now()
	p := c.diagnostics(draftURI)
	if *p.Version != 6 {
		t.Errorf("the first diagnostics after the burst are of version %d, want 6", *p.Version)
	}
	if waited := time.Since(began); waited < 500*time.Millisecond {
		t.Errorf("diagnostics came %v after the burst; the debounce is 1s", waited)
	}
}

func TestCloseClearsDiagnostics(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)
	c.notify("textDocument/didClose", DidCloseParams{TextDocument: TextDocumentIdentifier{URI: draftURI}})
	if p := c.diagnostics(draftURI); len(p.Diagnostics) != 0 || p.Diagnostics == nil {
		t.Errorf("after close: %+v, want an empty list", p)
	}
	// A change to a closed document is ignored, and so is saving it.
	c.change(draftURI, 9, ContentChange{Text: "I don't know."})
	c.notify("textDocument/didSave", DidSaveParams{TextDocument: TextDocumentIdentifier{URI: draftURI}})
	if err := c.exit(); err != nil {
		t.Fatal(err)
	}
	for _, m := range c.parked {
		if m.Method == "textDocument/publishDiagnostics" {
			t.Errorf("published after close: %s", m.Params)
		}
	}
}

func TestSaveLintsAtOnce(t *testing.T) {
	c := start(t, Options{Debounce: time.Hour})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)
	c.change(draftURI, 2, ContentChange{Text: "Fine.\n"})
	c.notify("textDocument/didSave", DidSaveParams{TextDocument: TextDocumentIdentifier{URI: draftURI}})
	if p := c.diagnostics(draftURI); *p.Version != 2 || len(p.Diagnostics) != 0 {
		t.Errorf("after save: %+v", p)
	}
}

// applyEdits applies a client's view of a workspace edit to text.
func applyEdits(text string, edits []TextEdit) string {
	b := []byte(text)
	// Edits do not overlap: apply from the last so earlier ranges stay put.
	for i := len(edits) - 1; i >= 0; i-- {
		b = applyChange(b, ContentChange{Range: &edits[i].Range, Text: edits[i].NewText})
	}
	return string(b)
}

func TestCodeAction(t *testing.T) {
	c := start(t, Options{Debounce: time.Hour})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)
	// The change is not linted yet (the debounce is long): the code action
	// must still see the text as it is now.
	c.change(draftURI, 2, ContentChange{Range: &Range{Position{2, 0}, Position{2, 0}}, Text: "🎉 "})
	text := "Hi Anna,\n\n🎉 I don't know when it ships.\n\nBest,\nSam\n"

	codeActions := func(at Range, only ...string) []CodeAction {
		params := map[string]any{"textDocument": map[string]any{"uri": draftURI}, "range": at,
			"context": map[string]any{"diagnostics": []any{}}}
		if only != nil {
			params["context"] = map[string]any{"diagnostics": []any{}, "only": only}
		}
		var actions []CodeAction
		c.call("textDocument/codeAction", params, &actions)
		if actions == nil {
			t.Fatalf("codeAction at %+v answered null, want a list", at)
		}
		return actions
	}
	cursor := Position{2, 7} // inside "I don't know"
	actions := codeActions(Range{cursor, cursor})
	if len(actions) != 1 {
		t.Fatalf("got %d actions, want 1: %+v", len(actions), actions)
	}
	a := actions[0]
	if a.Kind != "quickfix" || a.Title != "Replace with “I'll find out”" || !a.IsPreferred ||
		len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "negative.i-dont-know" {
		t.Errorf("action: %+v", a)
	}
	edits := a.Edit.Changes[draftURI]
	if got, want := applyEdits(text, edits), "Hi Anna,\n\n🎉 I'll find out when it ships.\n\nBest,\nSam\n"; got != want {
		t.Errorf("the edit makes %q, want %q", got, want)
	}
	if len(a.Edit.Changes) != 1 {
		t.Errorf("the edit touches %d documents", len(a.Edit.Changes))
	}

	// A selection that touches the finding's end picks it; one elsewhere does not.
	if got := codeActions(Range{Position{1, 0}, Position{2, 3}}); len(got) != 1 {
		t.Errorf("a selection ending where the finding starts: %d actions", len(got))
	}
	if got := codeActions(Range{Position{4, 0}, Position{5, 2}}); len(got) != 0 {
		t.Errorf("a selection away from the finding: %+v", got)
	}
	if got := codeActions(Range{cursor, cursor}, "refactor"); len(got) != 0 {
		t.Errorf("only refactor: %+v", got)
	}
	if got := codeActions(Range{cursor, cursor}, "quickfix"); len(got) != 1 {
		t.Errorf("only quickfix: %d actions", len(got))
	}
	var none []CodeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "file:///not/open.md"},
		"range": Range{}, "context": map[string]any{}}, &none)
	if len(none) != 0 {
		t.Errorf("a document that is not open: %+v", none)
	}
}

func TestHover(t *testing.T) {
	explained := func(r *lint.Rule) string { return "**" + r.ID + "**\n\nWhy: " + r.Why }
	c := start(t, Options{Explain: explained})
	c.initialize(nil)
	c.open(draftURI, draft)
	c.diagnostics(draftURI)

	hover := func(at Position) *Hover {
		m := c.request("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: draftURI}, Position: at})
		if m.Error != nil {
			t.Fatalf("hover: %v", m.Error)
		}
		if string(m.Result) == "null" {
			return nil
		}
		var h Hover
		if err := json.Unmarshal(m.Result, &h); err != nil {
			t.Fatal(err)
		}
		return &h
	}
	h := hover(Position{2, 4})
	if h == nil {
		t.Fatal("no hover over the finding")
	}
	if h.Contents.Kind != "markdown" || !strings.HasPrefix(h.Contents.Value, "**negative.i-dont-know**\n\nWhy: ") {
		t.Errorf("hover: %+v", h.Contents)
	}
	if h.Range == nil || *h.Range != (Range{Position{2, 0}, Position{2, 12}}) {
		t.Errorf("hover range: %+v", h.Range)
	}
	for _, at := range []Position{{2, 12}, {0, 0}, {40, 0}} {
		if h := hover(at); h != nil {
			t.Errorf("hover at %+v: %+v, want null", at, h)
		}
	}
}

func TestShutdownExit(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	m := c.request("shutdown", nil)
	if m.Error != nil || string(m.Result) != "null" {
		t.Errorf("shutdown: %+v", m)
	}
	if m := c.request("textDocument/hover", TextDocumentPositionParams{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("a request after shutdown: %+v", m)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		c.served <- err
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("no exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		c.served <- err
		if !errors.Is(err, ErrExitWithoutShutdown) {
			t.Errorf("Serve: %v, want ErrExitWithoutShutdown", err)
		}
	case <-time.After(wait):
		t.Fatal("no exit")
	}
}

func TestBeforeInitialize(t *testing.T) {
	c := start(t, Options{})
	if m := c.request("textDocument/hover", TextDocumentPositionParams{}); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("a request before initialize: %+v", m)
	}
	c.open(draftURI, draft) // dropped
	c.initialize(nil)
	if m := c.request("workspace/symbol", map[string]any{}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("an unknown method: %+v", m)
	}
	if err := c.exit(); err != nil {
		t.Fatal(err)
	}
	for _, m := range c.parked {
		if m.Method == "textDocument/publishDiagnostics" {
			t.Errorf("a document opened before initialize was linted: %s", m.Params)
		}
	}
}

// raw writes bytes to the server as they are.
func (c *client) raw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.toSrv, s); err != nil {
		c.t.Fatal(err)
	}
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

func errorResponse(c *client, code int) {
	c.t.Helper()
	m := c.next(func(m *message) bool { return m.Error != nil }, fmt.Sprintf("an error %d", code))
	if m.Error.Code != code || string(m.ID) != "null" {
		c.t.Errorf("got error %d (id %s) %q, want %d with id null", m.Error.Code, m.ID, m.Error.Message, code)
	}
}

func TestMalformedMessages(t *testing.T) {
	c := start(t, Options{MaxMessage: 1 << 10})
	c.raw(frame(`{"jsonrpc":"2.0","id":1,"method":`)) // cut short
	errorResponse(c, codeParseError)
	c.raw(frame(`[1,2,3]`))
	errorResponse(c, codeInvalidRequest)
	c.raw(frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"initialize"}`))
	errorResponse(c, codeInvalidRequest)
	c.raw(frame(`{"jsonrpc":"2.0","id":7,"method":"initialize","params":"nope"}`))
	m := c.next(func(m *message) bool { return string(m.ID) == "7" }, "the response to id 7")
	if m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("initialize with bad params: %+v", m)
	}
	c.raw(frame(`{"jsonrpc":"2.0","id":8,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}` + strings.Repeat(" ", 2000)))
	errorResponse(c, codeInvalidRequest) // too large: skipped, and the stream stays in step
	m = c.next(func(m *message) bool { return m.Method == "window/showMessage" }, "showMessage")
	if !strings.Contains(string(m.Params), "skipped a message") {
		t.Errorf("showMessage after a message too large: %s", m.Params)
	}

	// The session goes on.
	c.initialize(nil)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": 42}) // bad params: ignored
	c.open(draftURI, draft)
	onlyDiagnostic(t, c.diagnostics(draftURI))

	// A header that is not one ends the session: the stream is out of step.
	c.raw("Content-Type: utf-8\r\nnonsense\r\n\r\n")
	errorResponse(c, codeParseError)
	select {
	case err := <-c.served:
		c.served <- err
		var fe *FramingError
		if !errors.As(err, &fe) {
			t.Errorf("Serve after a bad header: %v, want a FramingError", err)
		}
	case <-time.After(wait):
		t.Fatal("the server kept reading after a bad header")
	}
}

func TestConfigErrorIsShown(t *testing.T) {
	var gotDir string
	var mu sync.Mutex
	c := start(t, Options{Engine: func(dir string) (*engine.Engine, error) {
		mu.Lock()
		gotDir = dir
		mu.Unlock()
		return nil, errors.New(".replykit.yaml:3:1: unknown key \"lnag\"")
	}})
	c.initialize(map[string]any{"processId": nil, "rootUri": "file:///elsewhere",
		"workspaceFolders": []any{map[string]any{"uri": "file:///srv/replies", "name": "replies"}}, "capabilities": map[string]any{}})
	m := c.next(func(m *message) bool { return m.Method == "window/showMessage" }, "showMessage")
	var p ShowMessageParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		t.Fatal(err)
	}
	if p.Type != MessageError || !strings.Contains(p.Message, `.replykit.yaml:3:1: unknown key "lnag"`) {
		t.Errorf("showMessage: %+v", p)
	}
	mu.Lock()
	if gotDir != "/srv/replies" {
		t.Errorf("configuration read for %q, want the workspace folder /srv/replies", gotDir)
	}
	mu.Unlock()
	// The server goes on with the defaults.
	c.open(draftURI, draft)
	if d := onlyDiagnostic(t, c.diagnostics(draftURI)); d.Code != "negative.i-dont-know" {
		t.Errorf("with the defaults: %+v", d)
	}
}

func TestRootURI(t *testing.T) {
	dirs := make(chan string, 1)
	c := start(t, Options{Engine: func(dir string) (*engine.Engine, error) {
		dirs <- dir
		return defaultEngine(dir)
	}})
	c.initialize(map[string]any{"processId": nil, "rootUri": "file:///home/a%20b/replies", "capabilities": map[string]any{}})
	if dir := <-dirs; dir != "/home/a b/replies" {
		t.Errorf("dir %q", dir)
	}
}

func TestLargeDocument(t *testing.T) {
	c := start(t, Options{MaxDocument: 1 << 10, MaxMessage: 8 << 10})
	c.initialize(nil)
	big := strings.Repeat("I don't know. ", 200)
	c.open(draftURI, big)
	d := onlyDiagnostic(t, c.diagnostics(draftURI))
	if d.Severity != SeverityInformation || !strings.Contains(d.Message, "does not check documents over 1 KiB") || d.Range != (Range{}) {
		t.Errorf("a large document: %+v", d)
	}
	// Cut down, it is checked again.
	c.change(draftURI, 2, ContentChange{Range: &Range{Position{0, 13}, Position{0, len(big)}}, Text: ""})
	if d := onlyDiagnostic(t, c.diagnostics(draftURI)); d.Code != "negative.i-dont-know" {
		t.Errorf("cut down: %+v", d)
	}
	// Grown past what the server keeps, it is dropped until a full change.
	for v := 3; v < 6; v++ {
		c.change(draftURI, v, ContentChange{Range: &Range{Position{0, 0}, Position{0, 0}}, Text: strings.Repeat("x", 3<<10)})
	}
	p := c.diagnostics(draftURI)
	for *p.Version != 5 { // a slow machine may lint the versions between
		p = c.diagnostics(draftURI)
	}
	if d := onlyDiagnostic(t, p); d.Severity != SeverityInformation || !strings.Contains(d.Message, "stopped following") {
		t.Errorf("grown too large: %+v", d)
	}
	c.change(draftURI, 6, ContentChange{Text: "I don't know."})
	if d := onlyDiagnostic(t, c.diagnostics(draftURI)); d.Code != "negative.i-dont-know" {
		t.Errorf("after a full change: %+v", d)
	}
}

func TestTemplateSyntaxError(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	src := "---\nid: late\nlang: en\n---\nHi {{ customer.name\n"
	c.open("file:///t/late.md", src)
	d := onlyDiagnostic(t, c.diagnostics("file:///t/late.md"))
	if d.Severity != SeverityError || d.Range != (Range{Position{4, 3}, Position{4, 3}}) || !strings.Contains(d.Message, "unclosed {{") {
		t.Errorf("a template syntax error: %+v", d)
	}
}

func TestWriterFrames(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	if err := w.WriteMessage(map[string]string{"a": "é"}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "Content-Length: 10\r\n\r\n{\"a\":\"é\"}" {
		t.Errorf("%q", got)
	}
}
