package lsp

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
	out  []byte
}

// replykit returns a replykit binary: $REPLYKIT_BIN, or one built once for
// the whole test run.
func replykit(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds replykit; skipped with -short")
	}
	if bin := os.Getenv("REPLYKIT_BIN"); bin != "" {
		return checked(t, bin)
	}
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "replykit-lsp-test")
		if built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "replykit")
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		built.out, built.err = exec.CommandContext(ctx, "go", "build", "-o", built.bin, "github.com/replykit/replykit/cmd/replykit").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return checked(t, built.bin)
}

// checked fails the test unless bin has the lsp command.
func checked(t *testing.T, bin string) string {
	t.Helper()
	if out, err := exec.Command(bin, "lsp", "--help").CombinedOutput(); err != nil {
		t.Fatalf("%s lsp --help: %v\n%s\n(is newLSPCmd registered in internal/cli/root.go?)", bin, err, out)
	}
	return bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// TestBinaryConfigError runs `replykit lsp` as a process: a broken
// .replykit.yaml in the workspace folder (not the process's working
// directory) is shown with window/showMessage, and the server goes on with
// the defaults, then exits 0 after shutdown and exit.
func TestBinaryConfigError(t *testing.T) {
	bin := replykit(t)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, ".replykit.yaml"), []byte("lnag: en\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "lsp")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "REPLYKIT_CONFIG=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	c := connect(t, in, out, served)
	go func() { served <- cmd.Wait() }()

	c.initialize(map[string]any{"processId": os.Getpid(), "rootUri": fileURI(root), "capabilities": map[string]any{}})
	m := c.next(func(m *message) bool { return m.Method == "window/showMessage" }, "showMessage")
	var p ShowMessageParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		t.Fatal(err)
	}
	if p.Type != MessageError || !strings.Contains(p.Message, ".replykit.yaml:1:1") || !strings.Contains(p.Message, `unknown key "lnag"`) {
		t.Errorf("showMessage: %+v", p)
	}
	uri := fileURI(filepath.Join(root, "draft.md"))
	c.open(uri, draft)
	if d := onlyDiagnostic(t, c.diagnostics(uri)); d.Code != "negative.i-dont-know" || d.Severity != SeverityWarning {
		t.Errorf("with the defaults: %+v", d)
	}
	if err := c.exit(); err != nil {
		t.Errorf("replykit lsp: %v\n%s", err, stderr.String())
	}
}
