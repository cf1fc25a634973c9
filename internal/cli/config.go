package cli

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
)

// ConfigNames are the file names searched for, from the working directory up.
var ConfigNames = []string{".replykit.yaml", ".replykit.yml"}

// DefaultExtensions are the files a directory walk lints.
var DefaultExtensions = []string{".md", ".txt", ".html", ".eml"}

// Config is the merged configuration: defaults < file < REPLYKIT_* < flags.
type Config struct {
	Path         string // the configuration file used, or ""
	Lang         string
	Format       string
	FailOn       string
	Extensions   []string
	RuleDirs     []string
	ValeStyles   []string
	TemplateDirs []string
	Enable       []string
	Disable      []string
	NameLimit    int
	MaxFileSize  int64 // bytes; a file over it is skipped, never read
	Settings     map[string]engine.Setting
	Overrides    []engine.Override
}

// Engine returns the engine configuration.
func (c *Config) Engine() engine.Config {
	return engine.Config{Lang: c.Lang, RuleDirs: c.RuleDirs, ValeStyles: c.ValeStyles, ValeCache: valeCache(), Enable: c.Enable, Disable: c.Disable,
		Settings: c.Settings, NameLimit: c.NameLimit, Overrides: c.Overrides}
}

// valeCache returns the folder where converted Vale styles are kept:
// REPLYKIT_CACHE/vale-styles when it is set ("off" keeps none), else
// replykit/vale-styles in the user's cache folder ($XDG_CACHE_HOME or
// ~/.cache on Linux), or none when there is no such folder.
func valeCache() string {
	dir := os.Getenv("REPLYKIT_CACHE")
	switch dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "replykit")
	}
	return filepath.Join(dir, "vale-styles")
}

// findConfig looks for a configuration file in dir and its parents.
func findConfig(dir string) string {
	for {
		for _, name := range ConfigNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadConfig merges the configuration file (explicit, or found upward from
// cwd), REPLYKIT_* variables and the flags that were set. It is the only
// place that touches viper.
func loadConfig(flags *pflag.FlagSet, explicit, cwd string) (*Config, error) {
	v := viper.NewWithOptions(viper.KeyDelimiter("::"))
	v.SetDefault("lang", "auto")
	v.SetDefault("format", "text")
	v.SetDefault("fail-on", "warning")
	v.SetDefault("extensions", DefaultExtensions)
	v.SetDefault("max-file-size", DefaultMaxFileSize)
	v.SetEnvPrefix("REPLYKIT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()

	cfg := &Config{Settings: map[string]engine.Setting{}}
	var err error
	path := explicit
	if path == "" {
		path = os.Getenv("REPLYKIT_CONFIG")
	}
	if path == "" {
		path = findConfig(cwd)
	}
	var fileDirs, fileTemplateDirs, fileValeStyles []string
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config %s: %w", path, unwrapPath(err))
		}
		cfg.Path = path
		fc, err := validateConfig(path, data)
		if err != nil {
			return nil, err
		}
		cfg.Settings = fc.settings
		cfg.Overrides = fc.overrides
		fileDirs = fc.ruleDirs
		fileTemplateDirs = fc.templateDirs
		fileValeStyles = fc.valeStyles
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
	}
	for key, flag := range map[string]string{"lang": "lang", "format": "format", "fail-on": "fail-on",
		"enable": "enable", "disable": "disable", "rule-dirs": "rules", "template-dirs": "templates",
		"max-file-size": "max-file-size", "vale-styles": "vale-style"} {
		if f := flags.Lookup(flag); f != nil && f.Changed {
			if err := v.BindPFlag(key, f); err != nil {
				return nil, err
			}
		}
	}
	cfg.Lang = strings.TrimSpace(v.GetString("lang"))
	cfg.Format = strings.TrimSpace(v.GetString("format"))
	cfg.FailOn = strings.TrimSpace(v.GetString("fail-on"))
	cfg.Extensions = list(v, "extensions")
	cfg.Enable = list(v, "enable")
	cfg.Disable = list(v, "disable")
	cfg.NameLimit = v.GetInt("name-limit")
	size := strings.TrimSpace(v.GetString("max-file-size"))
	if cfg.MaxFileSize, err = parseSize(size); err != nil {
		return nil, usageErrorf("--max-file-size %q: %v", size, err)
	}

	// Folders from the file are relative to the file; from flags or the
	// environment, to the working directory.
	dirs := func(flag, env, key string, fromFile []string) []string {
		if f := flags.Lookup(flag); (f != nil && f.Changed) || os.Getenv(env) != "" {
			return list(v, key)
		}
		var out []string
		for _, d := range fromFile {
			if !filepath.IsAbs(d) {
				d = filepath.Join(filepath.Dir(path), d)
			}
			out = append(out, d)
		}
		return out
	}
	cfg.RuleDirs = dirs("rules", "REPLYKIT_RULE_DIRS", "rule-dirs", fileDirs)
	cfg.ValeStyles = dirs("vale-style", "REPLYKIT_VALE_STYLES", "vale-styles", fileValeStyles)
	cfg.TemplateDirs = dirs("templates", "REPLYKIT_TEMPLATE_DIRS", "template-dirs", fileTemplateDirs)
	for i, e := range cfg.Extensions {
		if !strings.HasPrefix(e, ".") {
			cfg.Extensions[i] = "." + e
		}
		cfg.Extensions[i] = strings.ToLower(cfg.Extensions[i])
	}
	if _, err := lint.ParseSeverity(cfg.FailOn); err != nil && cfg.FailOn != "never" {
		return nil, usageErrorf("--fail-on %q: want error, warning, info or never", cfg.FailOn)
	}
	return cfg, nil
}

// list reads a list setting; from the environment or a flag it may be comma-separated.
func list(v *viper.Viper, key string) []string {
	var out []string
	for _, s := range v.GetStringSlice(key) {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileConfig is what validation keeps from the file: the parts that need positions.
type fileConfig struct {
	settings     map[string]engine.Setting
	ruleDirs     []string
	valeStyles   []string
	templateDirs []string
	overrides    []engine.Override
}

// ruleSettings reads a rules: section: rule ids with severity, disabled, options.
func ruleSettings(r *yamlx.Reader, val *yaml.Node) map[string]engine.Setting {
	settings := map[string]engine.Setting{}
	r.Each(val, func(id string, idNode, body *yaml.Node) {
		s := engine.Setting{Origin: r.Pos(idNode)}
		r.Each(body, func(setting string, sk, sv *yaml.Node) {
			switch setting {
			case "severity":
				sev, err := lint.ParseSeverity(r.Text(sv))
				if err != nil && sv.Kind == yaml.ScalarNode && sv.Tag != "!!null" {
					r.Errorf(sv, "%v", err)
				}
				s.Severity = sev
			case "disabled":
				s.Disabled = r.Bool(sv)
			case "options":
				r.Each(sv, func(option string, ok, ov *yaml.Node) {
					if option != "max" {
						r.Errorf(ok, "unknown option %q (want max)", option)
						return
					}
					n := r.Int(ov, 0)
					s.Max = &n
				})
			default:
				r.Errorf(sk, "unknown setting %q (want severity, disabled or options)", setting)
			}
		})
		settings[id] = s
	})
	return settings
}

// validateConfig checks every key and type of a configuration file and
// reports problems as file:line:col.
func validateConfig(path string, data []byte) (*fileConfig, error) {
	fc := &fileConfig{settings: map[string]engine.Setting{}}
	doc, err := yamlx.Parse(path, 0, data)
	if err != nil || doc == nil {
		return fc, err // an empty file configures nothing
	}
	r := &yamlx.Reader{File: path, Paths: true}
	// No key takes an alias, and an alias bomb must not cost more than its
	// text: one error at the first alias, before anything reads the tree.
	if a := firstAlias(doc); a != nil {
		return nil, fmt.Errorf("%s: YAML aliases (*%s) are not supported in the configuration: write the value out", r.Pos(a), a.Value)
	}
	oneOf := func(n *yaml.Node, allowed ...string) {
		if s := r.Text(n); s != "" && !slices.Contains(allowed, s) {
			r.Errorf(n, "%q is not one of %s", s, strings.Join(allowed, ", "))
		}
	}
	known := []string{"lang", "format", "fail-on", "extensions", "rule-dirs", "template-dirs", "enable", "disable", "name-limit",
		"max-file-size", "rules", "overrides", "vale-styles"}
	r.Each(doc, func(key string, k, val *yaml.Node) {
		switch key {
		case "lang", "format":
			r.Text(val)
		case "fail-on":
			oneOf(val, "error", "warning", "info", "never")
		case "extensions", "enable", "disable":
			r.Texts(val)
		case "rule-dirs":
			fc.ruleDirs = r.Texts(val)
		case "template-dirs":
			fc.templateDirs = r.Texts(val)
		case "vale-styles":
			fc.valeStyles = r.Texts(val)
		case "name-limit":
			r.Int(val, 1)
		case "max-file-size":
			if val.Kind != yaml.ScalarNode || val.Tag == "!!null" {
				r.Errorf(val, "expected a size such as 200MB, or a number of bytes, found %s", yamlx.KindName(val))
			} else if _, err := parseSize(val.Value); err != nil {
				r.Errorf(val, "%v", err)
			}
		case "rules":
			fc.settings = ruleSettings(r, val)
		case "overrides":
			if val.Kind != yaml.SequenceNode {
				r.Errorf(val, "expected a list of overrides, such as `- {paths: [legal/**], disable: [over-familiar]}`")
				return
			}
			for _, item := range val.Content {
				o := engine.Override{Dir: filepath.Dir(path)}
				r.Each(item, func(okey string, ok, ov *yaml.Node) {
					switch okey {
					case "paths":
						o.Paths = r.Texts(ov)
					case "enable":
						o.Enable = r.Texts(ov)
					case "disable":
						o.Disable = r.Texts(ov)
					case "rules":
						o.Settings = ruleSettings(r, ov)
					default:
						r.Errorf(ok, "unknown key %q in an override (want paths, enable, disable, rules)", okey)
					}
				})
				if item.Kind == yaml.MappingNode && len(o.Paths) == 0 {
					r.Errorf(item, "an override needs paths: the files it applies to")
				}
				fc.overrides = append(fc.overrides, o)
			}
		default:
			r.Errorf(k, "unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
		}
	})
	if err := r.Err(); err != nil {
		return nil, err
	}
	return fc, nil
}

// DefaultMaxFileSize is the largest file lint reads unless max-file-size says otherwise.
const DefaultMaxFileSize = "256MB"

// sizeUnits are the units max-file-size takes; KB, MB and GB count in 1024s,
// as the messages that name sizes do.
var sizeUnits = []struct {
	name string
	n    int64
}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10},
	{"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}

// parseSize reads a size: a number of bytes ("1048576"), or a number with a
// unit ("200MB", "1.5 GB", "512KiB"); units are case-insensitive.
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if len(num) > len(u.name) && strings.EqualFold(num[len(num)-len(u.name):], u.name) {
			num, mult = strings.TrimSpace(num[:len(num)-len(u.name)]), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" || strings.ContainsAny(num, "xXpPeE_+") || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a size: want a number of bytes or a size such as 200MB (units B, KB, MB, GB)", s)
	}
	n := f * float64(mult)
	if n < 1 || n > math.MaxInt64/2 {
		return 0, fmt.Errorf("%q is not a size: want at least 1 byte", s)
	}
	return int64(n), nil
}

// humanSize writes a byte count the way people read it: "300 MB", "1.5 KB", "12 bytes".
func humanSize(n int64) string {
	unit, div := "bytes", int64(1)
	switch {
	case n >= 1<<30:
		unit, div = "GB", 1<<30
	case n >= 1<<20:
		unit, div = "MB", 1<<20
	case n >= 1<<10:
		unit, div = "KB", 1<<10
	}
	if div == 1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return strings.TrimSuffix(strconv.FormatFloat(float64(n)/float64(div), 'f', 1, 64), ".0") + " " + unit
}

// firstAlias returns the first alias node in n's tree (anchors are only
// followed as far as their own text), or nil.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := firstAlias(c); a != nil {
			return a
		}
	}
	return nil
}
