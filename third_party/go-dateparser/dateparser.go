// Package dateparser stands in for github.com/markusmobius/go-dateparser,
// which go-htmldate (through go-trafilatura) imports for its extensive date
// search. The real package builds its language tables at init: about 0.3 s
// and 78 MB on every start of storydesk, even `storydesk --version`
// (upstream go-dateparser issue #20), though storydesk never calls it —
// data/corpus runs trafilatura's date extraction in fast mode, which skips
// the extensive search (htmldate.Options.SkipExtensiveSearch). This package
// keeps the few names go-htmldate compiles against and finds no date, so a
// switch to the extensive mode shows up as missing dates in the extraction
// benchmark instead of silently costing every start. See README,
// "Dependencies and why".
package dateparser

import (
	"errors"
	"time"
)

// ParserType names one of the real package's parsers.
type ParserType uint8

const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource is the real package's preference for ambiguous dates.
type PreferredDateSource uint8

const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// Configuration mirrors the fields go-htmldate sets.
type Configuration struct {
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
	CurrentTime         time.Time
	DefaultLanguages    []string
}

// Date is a parsed date.
type Date struct {
	Time time.Time
}

// Parser is configured with the parsers to try.
type Parser struct {
	ParserTypes []ParserType
}

// ErrNotAvailable: storydesk ships no natural-language date parser.
var ErrNotAvailable = errors.New("dateparser: not available in storydesk (fast date extraction only)")

// Parse finds no date.
func (p *Parser) Parse(cfg *Configuration, s string) (Date, error) {
	return Date{}, ErrNotAvailable
}
