package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// nvimInit is the Neovim client of TestNeovim, for the 0.7 API (no
// vim.lsp.start). It opens the draft, waits for diagnostics, hovers over the
// first one, applies its quick fix, saves, types a new fault after the
// emoji line, waits for that to be found, stops the server and writes what it
// saw to $RESULT as JSON. Every wait is bounded; on any error it still writes
// the results, with the error, and quits.
const nvimInit = `
local results = { publishes = {}, errors = {} }
local function fail(msg) table.insert(results.errors, msg) end

local function run()
  local exit_code = nil
  local id = vim.lsp.start_client({
    name = "replykit",
    cmd = { os.getenv("REPLYKIT"), "lsp" },
    root_dir = os.getenv("ROOT"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        table.insert(results.publishes, { version = result.version, diagnostics = result.diagnostics })
        return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
      end,
      ["window/showMessage"] = function(err, result)
        fail("showMessage: " .. result.message)
      end,
    },
    on_exit = function(code, signal) exit_code = code end,
  })
  if not id then return fail("start_client failed") end

  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("DRAFT")))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)

  -- publish_after waits for diagnostics, after the first n, that ok accepts.
  local function publish_after(n, what, ok)
    local found
    local function seen()
      for i = n + 1, #results.publishes do
        if ok(results.publishes[i].diagnostics) then found = results.publishes[i] return true end
      end
      return false
    end
    if not vim.wait(10000, seen, 20) then error("no diagnostics " .. what) end
    return found
  end
  local function has(code)
    return function(diags)
      for _, d in ipairs(diags) do if d.code == code then return true end end
      return false
    end
  end

  local first = publish_after(0, "after opening", function() return true end)
  local diag = first.diagnostics[1]
  if not diag then error("the first diagnostics are empty") end
  vim.wait(2000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  results.shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(results.shown, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity })
  end

  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = diag.range.start }
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 5000)
  if hover and hover[id] and hover[id].result then
    results.hover = hover[id].result.contents.value
  end

  params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = diag.range,
    context = { diagnostics = { diag } },
  }
  local resp = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000)
  if not (resp and resp[id]) then error("no answer to codeAction") end
  if resp[id].err then error("codeAction: " .. vim.inspect(resp[id].err)) end
  local actions = resp[id].result or {}
  results.titles = {}
  for _, a in ipairs(actions) do table.insert(results.titles, a.title) end
  if #actions == 0 then error("no code actions") end

  local n = #results.publishes
  vim.lsp.util.apply_workspace_edit(actions[1].edit, "utf-16")
  results.after_fix = publish_after(n, "after the fix", function(diags) return #diags == 0 end)
  vim.cmd("write")

  -- Type a new fault at the end of the line that holds the emoji.
  n = #results.publishes
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, true)[1]
  vim.api.nvim_buf_set_text(buf, 2, #line, 2, #line, { " Sorry, I don't know." })
  results.after_typing = publish_after(n, "after typing", has("negative.i-dont-know"))

  vim.lsp.stop_client(id)
  if not vim.wait(10000, function() return exit_code ~= nil end, 20) then
    error("the server did not exit")
  end
  results.exit_code = exit_code
end

local ok, err = xpcall(run, debug.traceback)
if not ok then fail(tostring(err)) end
local f = io.open(os.getenv("RESULT"), "w")
f:write(vim.fn.json_encode(results))
f:close()
vim.cmd("qall!")
`

type nvimDiagnostic struct {
	Range    Range  `json:"range"`
	Severity int    `json:"severity"`
	Code     string `json:"code"`
	Source   string `json:"source"`
	Message  string `json:"message"`
}

type nvimPublish struct {
	Version     int              `json:"version"`
	Diagnostics []nvimDiagnostic `json:"diagnostics"`
}

type nvimResults struct {
	Errors    []string      `json:"errors"`
	Publishes []nvimPublish `json:"publishes"`
	Shown     []struct {
		Lnum     int `json:"lnum"`
		Col      int `json:"col"`
		EndCol   int `json:"end_col"`
		Severity int `json:"severity"`
	} `json:"shown"`
	Hover       string      `json:"hover"`
	Titles      []string    `json:"titles"`
	AfterFix    nvimPublish `json:"after_fix"`
	AfterTyping nvimPublish `json:"after_typing"`
	ExitCode    *int        `json:"exit_code"`
}

// UnmarshalJSON reads vim.fn.json_encode's output, where an empty Lua
// table is written as [] even where an object is meant.
func (p *nvimPublish) UnmarshalJSON(b []byte) error {
	if string(b) == "[]" {
		*p = nvimPublish{}
		return nil
	}
	type plain nvimPublish
	return json.Unmarshal(b, (*plain)(p))
}

// TestNeovim runs replykit lsp under a real client: Neovim, headless. The
// workspace's .replykit.yaml raises negative.i-dont-know to an error, so the
// severity shows that the configuration was read from the workspace folder.
// An emoji before the finding checks that both sides count UTF-16 alike.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not on PATH: install Neovim 0.7 or later (apt-get install -y neovim) to run the end-to-end language server test")
	}
	bin := replykit(t)
	dir := t.TempDir()

	root := filepath.Join(dir, "workspace")
	draftPath := filepath.Join(root, "replies", "draft.md")
	const text = "Hi Anna,\n\n🙂 I don't know when it ships.\n\nBest,\nSam\n"
	const fixed = "Hi Anna,\n\n🙂 I'll find out when it ships.\n\nBest,\nSam\n"
	const config = "rules:\n  negative.i-dont-know:\n    severity: error\n"
	for path, data := range map[string]string{
		draftPath:                             text,
		filepath.Join(root, ".replykit.yaml"): config,
		filepath.Join(dir, "init.lua"):        nvimInit,
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	result := filepath.Join(dir, "result.json")

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", filepath.Join(dir, "init.lua"))
	cmd.Dir = root
	home := filepath.Join(dir, "home")
	cmd.Env = append(os.Environ(), "REPLYKIT="+bin, "ROOT="+root, "DRAFT="+draftPath, "RESULT="+result,
		"HOME="+home, "XDG_CONFIG_HOME="+home+"/config", "XDG_DATA_HOME="+home+"/data",
		"XDG_STATE_HOME="+home+"/state", "XDG_CACHE_HOME="+home+"/cache")
	cmd.Stdin = nil
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	lspLog, _ := os.ReadFile(filepath.Join(home, "cache", "nvim", "lsp.log"))
	data, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("nvim wrote no results (%v): %v\n%s\nlsp.log:\n%s", runErr, err, out.Bytes(), lspLog)
	}
	var res nvimResults
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("results %s: %v", data, err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("what Neovim saw: %s\nlsp.log:\n%s", data, lspLog)
		}
	}()
	if len(res.Errors) > 0 {
		t.Errorf("the Neovim client failed: %s", strings.Join(res.Errors, "\n"))
	}

	// The first diagnostics: one error (the configuration raised it), after
	// the emoji: line 2, UTF-16 characters 3 to 15.
	if len(res.Publishes) == 0 || len(res.Publishes[0].Diagnostics) != 1 {
		t.Fatalf("first diagnostics: %s", data)
	}
	d := res.Publishes[0].Diagnostics[0]
	if d.Code != "negative.i-dont-know" || d.Severity != SeverityError || d.Source != "replykit" ||
		d.Range != (Range{Position{2, 3}, Position{2, 15}}) {
		t.Errorf("first diagnostic: %+v", d)
	}
	// Neovim shows it at byte columns 5 to 17: the emoji is four bytes.
	if len(res.Shown) != 1 || res.Shown[0].Lnum != 2 || res.Shown[0].Col != 5 || res.Shown[0].EndCol != 17 || res.Shown[0].Severity != 1 {
		t.Errorf("Neovim shows: %+v, want one error at line 2, bytes 5 to 17", res.Shown)
	}
	if !strings.Contains(res.Hover, "negative.i-dont-know") || !strings.Contains(res.Hover, "Why:") {
		t.Errorf("hover: %q", res.Hover)
	}
	if len(res.Titles) != 1 || res.Titles[0] != "Replace with “I'll find out”" {
		t.Errorf("code actions: %q", res.Titles)
	}
	if len(res.AfterFix.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", res.AfterFix)
	}
	if saved, err := os.ReadFile(draftPath); err != nil || string(saved) != fixed {
		t.Errorf("saved draft: %q (%v), want %q", saved, err, fixed)
	}
	// The fault typed after the fix, found where Neovim's incremental
	// changes put it.
	line := strings.Split(fixed, "\n")[2] + " Sorry, "
	start := len(utf16.Encode([]rune(line)))
	want := Range{Position{2, start}, Position{2, start + len("I don't know")}}
	found := false
	for _, d := range res.AfterTyping.Diagnostics {
		found = found || (d.Code == "negative.i-dont-know" && d.Range == want)
	}
	if !found {
		t.Errorf("after typing: %+v, want negative.i-dont-know at %+v", res.AfterTyping, want)
	}
	if res.ExitCode == nil || *res.ExitCode != 0 {
		t.Errorf("the server's exit code: %v, want 0 after shutdown and exit", res.ExitCode)
	}
	if runErr != nil {
		t.Errorf("nvim: %v\n%s", runErr, out.Bytes())
	}
}
