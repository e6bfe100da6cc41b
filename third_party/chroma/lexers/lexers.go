package lexers

import (
	"embed"
	"io/fs"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed embedded
var embedded embed.FS

// GlobalLexerRegistry is the global LexerRegistry of Lexers.
//
// storydesk patch: the embedded XML lexers are read on the first lookup, not
// at package init (they cost every process several milliseconds at start,
// also commands that never highlight code). Lexers registered by Go code
// before that are kept and registered again after the XML ones, the order
// the original init gave; analysers set by init functions wait for the load
// too (afterLoad). Use the functions below, not the variable, to look up.
var GlobalLexerRegistry = chroma.NewLexerRegistry()

var (
	loadOnce  sync.Once
	loading   bool
	goLexers  []chroma.Lexer // registered by Go code, in order
	postLoads []func()       // init-time tweaks of XML lexers
)

// registry loads the embedded XML lexers the first time it is called.
func registry() *chroma.LexerRegistry {
	loadOnce.Do(func() {
		loading = true
		defer func() { loading = false }()
		reg := chroma.NewLexerRegistry()
		paths, err := fs.Glob(embedded, "embedded/*.xml")
		if err != nil {
			panic(err)
		}
		for _, path := range paths {
			reg.Register(chroma.MustNewXMLLexer(embedded, path))
		}
		for _, l := range goLexers {
			reg.Register(l)
		}
		*GlobalLexerRegistry = *reg
		for _, f := range postLoads {
			f()
		}
		postLoads = nil
	})
	return GlobalLexerRegistry
}

// afterLoad runs f once the XML lexers are loaded.
func afterLoad(f func()) { postLoads = append(postLoads, f) }

// Names of all lexers, optionally including aliases.
func Names(withAliases bool) []string {
	return registry().Names(withAliases)
}

// Get a Lexer by name, alias or file extension.
//
// Note that this if there isn't an exact match on name or alias, this will
// call Match(), so it is not efficient.
func Get(name string) chroma.Lexer {
	if loading {
		return GlobalLexerRegistry.Get(name)
	}
	return registry().Get(name)
}

// MatchMimeType attempts to find a lexer for the given MIME type.
func MatchMimeType(mimeType string) chroma.Lexer {
	return registry().MatchMimeType(mimeType)
}

// Match returns the first lexer matching filename.
//
// Note that this iterates over all file patterns in all lexers, so it's not
// particularly efficient.
func Match(filename string) chroma.Lexer {
	return registry().Match(filename)
}

// Register a Lexer with the global registry.
func Register(lexer chroma.Lexer) chroma.Lexer {
	goLexers = append(goLexers, lexer)
	return GlobalLexerRegistry.Register(lexer)
}

// Analyse text content and return the "best" lexer..
func Analyse(text string) chroma.Lexer {
	return registry().Analyse(text)
}

// PlaintextRules is used for the fallback lexer as well as the explicit
// plaintext lexer.
func PlaintextRules() chroma.Rules {
	return chroma.Rules{
		"root": []chroma.Rule{
			{`.+`, chroma.Text, nil},
			{`\n`, chroma.Text, nil},
		},
	}
}

// Fallback lexer if no other is found.
var Fallback chroma.Lexer = chroma.MustNewLexer(&chroma.Config{
	Name:      "fallback",
	Filenames: []string{"*"},
	Priority:  -1,
}, PlaintextRules)
