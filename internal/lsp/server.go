// Package lsp is replykit's language server: it keeps the drafts an editor
// has open, lints each one a moment after it stops changing, and offers the
// rules' fixes as quick fixes and their explanations on hover.
package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/templates"
)

// Defaults of Options.
const (
	DefaultDebounce    = 150 * time.Millisecond
	DefaultMaxDocument = 4 << 20
)

// Options configure a Server. Only Engine is needed.
type Options struct {
	// Engine builds the engine for the workspace folder dir ("" when the
	// client names none), once, at initialize. An error is shown to the
	// user; the server then lints with the engine returned, or with the
	// defaults when that is nil.
	Engine func(dir string) (*engine.Engine, error)
	// Explain renders a rule for a hover, in Markdown.
	Explain func(*lint.Rule) string
	// Version is reported as the server's version.
	Version string
	// Debounce is how long a document must stay unchanged before it is linted.
	Debounce time.Duration
	// MaxMessage bounds a JSON-RPC message; larger ones are skipped. It
	// also bounds the text kept for a document: one that edits grow past it
	// is dropped until the client sends its whole text again.
	MaxMessage int64
	// MaxDocument bounds the documents that are linted; a larger one gets one
	// information diagnostic instead.
	MaxDocument int
	// Log receives a line for each problem with the connection; nil drops them.
	Log io.Writer
}

// ErrExitWithoutShutdown is returned by Serve when the client sent exit, or
// closed the connection, without asking for shutdown first.
var ErrExitWithoutShutdown = errors.New("the client left without shutdown")

// Server is one language server session.
type Server struct {
	opts Options
	out  *Writer

	mu       sync.Mutex // guards what follows, and orders publishDiagnostics
	eng      *engine.Engine
	docs     map[string]*document
	inited   bool
	shutdown bool
	exited   bool
	pending  []pendingMessage // shown once initialize is answered
}

// document is one open text document.
type document struct {
	uri     string
	path    string // a file name whose extension picks the format
	version int
	text    []byte // nil when lost
	lost    bool   // it grew past what the server keeps; only a full change brings it back
	gen     int    // bumped on every change
	timer   *time.Timer
	linted  *linted
}

// linted is a document's findings at one generation.
type linted struct {
	gen     int
	version int
	text    []byte
	index   *lint.LineIndex
	lang    string
	diags   []lint.Diagnostic // parallel to lsp when the document was linted
	lsp     []Diagnostic
}

// NewServer returns a server; Serve runs it.
func NewServer(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxMessage <= 0 {
		opts.MaxMessage = DefaultMaxMessage
	}
	if opts.MaxDocument <= 0 {
		opts.MaxDocument = DefaultMaxDocument
	}
	return &Server{opts: opts, docs: map[string]*document{}}
}

// Serve reads requests from r and writes responses and notifications to w
// until the client sends exit or closes r. It returns nil after a proper
// shutdown and exit, ErrExitWithoutShutdown without the shutdown, and an
// error when the input stops making sense.
func (s *Server) Serve(r io.Reader, w io.Writer) error {
	s.out = NewWriter(w)
	in := NewReader(r, s.opts.MaxMessage)
	defer s.stop()
	for {
		body, err := in.ReadMessage()
		switch {
		case err == nil:
		case errors.Is(err, ErrTooLarge):
			s.logf("%v", err)
			s.reply(nil, nil, errorf(codeInvalidRequest, "replykit skipped a %v", err))
			s.notify("window/showMessage", ShowMessageParams{Type: MessageWarning,
				Message: fmt.Sprintf("replykit skipped a message from the editor: %v. A document sent in it is not checked.", err)})
			continue
		case err == io.EOF:
			if s.isShutdown() {
				return nil
			}
			return ErrExitWithoutShutdown
		default:
			s.reply(nil, nil, errorf(codeParseError, "%v", err))
			return fmt.Errorf("reading from the client: %w", err)
		}
		if done := s.handle(body); done {
			if s.isShutdown() {
				return nil
			}
			return ErrExitWithoutShutdown
		}
	}
}

func (s *Server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

// stop ends the session: no timer fires and nothing more is published.
func (s *Server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exited = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "replykit lsp: "+format+"\n", args...)
	}
}

func (s *Server) reply(id json.RawMessage, result any, rerr *rpcError) {
	if err := s.out.WriteMessage(response{ID: id, Result: result, Error: rerr}); err != nil {
		s.logf("writing a response: %v", err)
	}
}

func (s *Server) notify(method string, params any) {
	if err := s.out.WriteMessage(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil {
		s.logf("writing %s: %v", method, err)
	}
}

// handle dispatches one message; it reports true after exit.
func (s *Server) handle(body []byte) (exit bool) {
	if !json.Valid(body) {
		s.reply(nil, nil, errorf(codeParseError, "the message is not JSON"))
		return false
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		s.reply(nil, nil, errorf(codeInvalidRequest, "not a JSON-RPC message: %v", err))
		return false
	}
	if len(m.ID) > 0 && !validID(m.ID) {
		s.reply(nil, nil, errorf(codeInvalidRequest, "an id must be a number or a string"))
		return false
	}
	if m.Method == "" {
		if len(m.ID) == 0 {
			s.reply(nil, nil, errorf(codeInvalidRequest, "a message needs a method"))
		}
		return false // a response: the server sends no requests, so there is nothing to match
	}
	if m.Method == "exit" {
		return true
	}
	if !m.isRequest() {
		s.safely(m.Method, func() { s.notification(m.Method, m.Params) })
		return false
	}
	var result any
	var rerr *rpcError
	if !s.safely(m.Method, func() { result, rerr = s.request(m.Method, m.Params) }) {
		result, rerr = nil, errorf(codeInternalError, "replykit failed on %s", m.Method)
	}
	s.reply(m.ID, result, rerr)
	if m.Method == "initialize" && rerr == nil {
		s.afterInitialize()
	}
	return false
}

// validID reports whether raw is a JSON number, string or null.
func validID(raw json.RawMessage) bool {
	switch raw[0] {
	case '"', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return false
}

// safely runs fn and reports whether it returned normally. A panic is a bug
// in replykit; it is logged, and the session survives it.
func (s *Server) safely(what string, fn func()) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("%s: internal error: %v\n%s", what, v, debug.Stack())
			ok = false
		}
	}()
	fn()
	return true
}

func (s *Server) request(method string, params json.RawMessage) (any, *rpcError) {
	s.mu.Lock()
	inited, shutdown := s.inited, s.shutdown
	s.mu.Unlock()
	switch {
	case method == "initialize" && inited:
		return nil, errorf(codeInvalidRequest, "initialize was already called")
	case method != "initialize" && !inited:
		return nil, errorf(codeServerNotInitialized, "the server is not initialized yet")
	case shutdown:
		return nil, errorf(codeInvalidRequest, "the server is shutting down")
	}
	decode := func(v any) *rpcError {
		if len(params) == 0 {
			params = json.RawMessage("{}")
		}
		if err := json.Unmarshal(params, v); err != nil {
			return errorf(codeInvalidParams, "%s: %v", method, err)
		}
		return nil
	}
	switch method {
	case "initialize":
		var p InitializeParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.initialize(&p), nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		return s.codeAction(&p), nil
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := decode(&p); err != nil {
			return nil, err
		}
		if h := s.hover(&p); h != nil {
			return h, nil
		}
		return nil, nil
	}
	return nil, errorf(codeMethodNotFound, "replykit does not handle %s", method)
}

func (s *Server) notification(method string, params json.RawMessage) {
	s.mu.Lock()
	ready := s.inited && !s.shutdown
	s.mu.Unlock()
	if !ready {
		return // before initialize, and after shutdown, notifications are dropped
	}
	decode := func(v any) bool {
		if err := json.Unmarshal(params, v); err != nil {
			s.logf("%s: %v", method, err)
			return false
		}
		return true
	}
	switch method {
	case "textDocument/didOpen":
		var p DidOpenParams
		if decode(&p) {
			s.didOpen(&p)
		}
	case "textDocument/didChange":
		var p DidChangeParams
		if decode(&p) {
			s.didChange(&p)
		}
	case "textDocument/didSave":
		var p DidSaveParams
		if decode(&p) {
			s.didSave(&p)
		}
	case "textDocument/didClose":
		var p DidCloseParams
		if decode(&p) {
			s.didClose(&p)
		}
	}
	// initialized, $/cancelRequest, $/setTrace and the rest need nothing.
}

// pendingMessage is shown once initialize has been answered.
type pendingMessage struct {
	typ int
	msg string
}

func (s *Server) initialize(p *InitializeParams) *InitializeResult {
	dir := workspaceDir(p)
	var eng *engine.Engine
	var err error
	if s.opts.Engine != nil {
		eng, err = s.opts.Engine(dir)
	}
	var msgs []pendingMessage
	if err != nil {
		msgs = append(msgs, pendingMessage{MessageError, "replykit: " + oneLine(err.Error()) + " — checking with the default settings until this is fixed and the editor restarts the server"})
		s.logf("configuration: %v", err)
	}
	if eng == nil {
		if eng, err = engine.New(engine.Config{}); err != nil {
			msgs = append(msgs, pendingMessage{MessageError, "replykit: " + oneLine(err.Error())})
		}
	}
	s.mu.Lock()
	s.eng = eng
	s.inited = true
	s.pending = msgs
	s.mu.Unlock()
	return &InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   "utf-16",
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: SyncIncremental, Save: SaveOptions{}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{CodeActionQuickFix}},
			HoverProvider:      true,
		},
		ServerInfo: ServerInfo{Name: "replykit", Version: s.opts.Version},
	}
}

func (s *Server) afterInitialize() {
	s.mu.Lock()
	msgs := s.pending
	s.pending = nil
	s.mu.Unlock()
	for _, m := range msgs {
		s.notify("window/showMessage", ShowMessageParams{Type: m.typ, Message: m.msg})
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// workspaceDir is the folder whose configuration applies: the first
// workspace folder, else the root.
func workspaceDir(p *InitializeParams) string {
	for _, f := range p.WorkspaceFolders {
		if dir := filePath(f.URI); dir != "" {
			return dir
		}
	}
	if p.RootURI != nil {
		if dir := filePath(*p.RootURI); dir != "" {
			return dir
		}
	}
	if p.RootPath != nil {
		return *p.RootPath
	}
	return ""
}

// filePath returns the path of a file: URI, or "".
func filePath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // file:///C:/…
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// docPath names a document for the engine: its file path, or for a
// document that is not a file, a name whose extension follows its language.
func docPath(uri, languageID string) string {
	p := filePath(uri)
	if p == "" {
		if u, err := url.Parse(uri); err == nil {
			p = u.Opaque + u.Path
		}
	}
	if filepath.Ext(p) == "" {
		switch strings.ToLower(languageID) {
		case "plaintext", "text":
			p += ".txt"
		case "html":
			p += ".html"
		case "mail", "eml", "email":
			p += ".eml"
		default:
			p += ".md"
		}
	}
	return p
}

func (s *Server) didOpen(p *DidOpenParams) {
	td := p.TextDocument
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[td.URI]; old != nil && old.timer != nil {
		old.timer.Stop()
	}
	d := &document{uri: td.URI, path: docPath(td.URI, td.LanguageID), version: td.Version}
	s.docs[td.URI] = d
	s.setText(d, []byte(td.Text))
	s.schedule(d, 0)
}

func (s *Server) didChange(p *DidChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.logf("didChange for %s, which is not open", p.TextDocument.URI)
		return
	}
	d.version = p.TextDocument.Version
	for _, c := range p.ContentChanges {
		if d.lost && c.Range != nil {
			continue
		}
		s.setText(d, applyChange(d.text, c))
	}
	s.schedule(d, s.opts.Debounce)
}

func (s *Server) didSave(p *DidSaveParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	if p.Text != nil {
		s.setText(d, []byte(*p.Text))
	}
	s.schedule(d, 0)
}

func (s *Server) didClose(p *DidCloseParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	delete(s.docs, d.uri)
	s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
}

// setText replaces a document's text, dropping it when it grows past what
// the server keeps. Called with s.mu held.
func (s *Server) setText(d *document, text []byte) {
	d.gen++
	if int64(len(text)) > s.opts.MaxMessage {
		d.text, d.lost = nil, true
		return
	}
	d.text, d.lost = text, false
}

// schedule lints d after delay, unless it changes again first. Called with
// s.mu held.
func (s *Server) schedule(d *document, delay time.Duration) {
	if d.timer != nil {
		d.timer.Stop()
	}
	gen := d.gen
	d.timer = time.AfterFunc(delay, func() { s.lintAndPublish(d, gen) })
}

// lintAndPublish lints generation gen of d and publishes the findings,
// unless the document changed or closed meanwhile.
func (s *Server) lintAndPublish(d *document, gen int) {
	s.safely("lint", func() {
		l := s.fresh(d, gen)
		if l == nil {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		// Holding s.mu while writing keeps a stale publish from overtaking
		// a newer one or the empty one didClose sends.
		if s.exited || s.docs[d.uri] != d || d.gen != gen {
			return
		}
		version := l.version
		s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: l.lsp})
	})
}

// fresh returns d's findings at generation gen (its current one when gen
// is 0), linting it when that has not been done; nil when d has moved on.
func (s *Server) fresh(d *document, gen int) *linted {
	s.mu.Lock()
	if gen == 0 {
		gen = d.gen
	}
	if d.gen != gen || s.exited {
		s.mu.Unlock()
		return nil
	}
	if d.linted != nil && d.linted.gen == gen {
		l := d.linted
		s.mu.Unlock()
		return l
	}
	text, lost, version, eng := d.text, d.lost, d.version, s.eng
	s.mu.Unlock()

	l := s.lint(eng, d.path, text, lost)
	l.gen, l.version = gen, version

	s.mu.Lock()
	defer s.mu.Unlock()
	if d.gen != gen {
		return nil
	}
	d.linted = l
	return l
}

// lint checks one text and converts its findings.
func (s *Server) lint(eng *engine.Engine, path string, text []byte, lost bool) *linted {
	l := &linted{text: text, index: lint.NewLineIndex(text)}
	note := func(severity int, at Range, msg string) {
		l.lsp = []Diagnostic{{Range: at, Severity: severity, Source: "replykit", Message: msg}}
	}
	switch {
	case lost:
		note(SeverityInformation, Range{}, fmt.Sprintf("replykit stopped following this document when it grew past %s; close and reopen it to check it again", size(s.opts.MaxMessage)))
		return l
	case len(text) > s.opts.MaxDocument:
		note(SeverityInformation, Range{}, fmt.Sprintf("replykit does not check documents over %s; this one is %s", size(int64(s.opts.MaxDocument)), size(int64(len(text)))))
		return l
	case bytes.IndexByte(text[:min(len(text), 8000)], 0) >= 0:
		note(SeverityInformation, Range{}, "replykit skipped this document: it looks like a binary file, not a reply")
		return l
	}
	if eng == nil {
		note(SeverityError, Range{}, "replykit could not load its rules; see the editor's language server log")
		return l
	}
	res, err := eng.Lint(path, text, lint.Context{})
	if err != nil {
		at := Range{}
		var be *templates.BodyError
		if errors.As(err, &be) {
			at = span(l.index, be.Pos.Offset, be.Pos.Offset)
			err = errors.New(be.Msg)
		}
		note(SeverityError, at, err.Error())
		return l
	}
	l.lang = res.Lang
	l.diags = res.Diagnostics
	l.lsp = make([]Diagnostic, 0, len(res.Diagnostics))
	for _, d := range res.Diagnostics {
		l.lsp = append(l.lsp, s.convert(l.index, d))
	}
	return l
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}

// convert turns a finding into an LSP diagnostic.
func (s *Server) convert(x *lint.LineIndex, d lint.Diagnostic) Diagnostic {
	msg := d.Message
	if d.Suggestion != "" {
		msg += "\nTry: " + d.Suggestion
	}
	out := Diagnostic{
		Range:    span(x, d.Start, d.End),
		Severity: severity(d.Severity),
		Code:     d.RuleID,
		Source:   "replykit",
		Message:  msg,
	}
	if len(d.Fixes) > 0 {
		data := &DiagnosticData{}
		for _, f := range d.Fixes {
			data.Fixes = append(data.Fixes, FixData{Title: f.Message, Edits: edits(x, f)})
		}
		out.Data = data
	}
	return out
}

func edits(x *lint.LineIndex, f lint.Fix) []TextEdit {
	out := make([]TextEdit, 0, len(f.Edits))
	for _, e := range f.Edits {
		out = append(out, TextEdit{Range: span(x, e.Start, e.End), NewText: e.NewText})
	}
	return out
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return SeverityError
	case lint.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}

// current returns the open document at uri and its up-to-date findings.
func (s *Server) current(uri string) (*document, *linted) {
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	if d == nil {
		return nil, nil
	}
	for range 3 { // the document may change while it is linted
		if l := s.fresh(d, 0); l != nil {
			return d, l
		}
	}
	return d, nil
}

// codeAction offers each fix of each finding the range touches.
func (s *Server) codeAction(p *CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool {
		return k == CodeActionQuickFix
	}) {
		return actions
	}
	_, l := s.current(p.TextDocument.URI)
	if l == nil {
		return actions
	}
	for i, d := range l.diags {
		ld := l.lsp[i]
		if len(d.Fixes) == 0 || !touches(ld.Range, p.Range) {
			continue
		}
		for j, f := range ld.Data.Fixes {
			actions = append(actions, CodeAction{
				Title:       f.Title,
				Kind:        CodeActionQuickFix,
				Diagnostics: []Diagnostic{ld},
				IsPreferred: j == 0,
				Edit:        WorkspaceEdit{Changes: map[string][]TextEdit{p.TextDocument.URI: f.Edits}},
			})
		}
	}
	return actions
}

// hover explains the rules of the findings under the cursor.
func (s *Server) hover(p *TextDocumentPositionParams) *Hover {
	_, l := s.current(p.TextDocument.URI)
	if l == nil || len(l.diags) == 0 {
		return nil
	}
	s.mu.Lock()
	eng := s.eng
	s.mu.Unlock()
	rs, err := eng.RuleSetFor(l.lang, filePath(p.TextDocument.URI)) // per-path overrides included
	if err != nil {
		return nil
	}
	off := offsetOf(l.text, p.Position)
	var parts []string
	var at *Range
	seen := map[string]bool{}
	for i, d := range l.diags {
		if off < d.Start || off > d.End || (off == d.End && d.End > d.Start) || seen[d.RuleID] {
			continue
		}
		seen[d.RuleID] = true
		for _, r := range rs.Rules() {
			if r.ID == d.RuleID {
				parts = append(parts, s.explain(r))
				if at == nil {
					rg := l.lsp[i].Range
					at = &rg
				}
				break
			}
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n---\n\n")}, Range: at}
}

func (s *Server) explain(r *lint.Rule) string {
	if s.opts.Explain != nil {
		return s.opts.Explain(r)
	}
	return fmt.Sprintf("%s (%s, %s)\n\n%s\n", r.ID, r.Category, r.Severity, oneLine(r.Why))
}
