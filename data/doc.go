// Package data does all of storydesk's disk work: finding and reading corpus
// files in every supported format, the embedded sample corpus, and (later)
// the annotation store and exporters. Everything it returns has been through
// model.Sanitize, so no byte from a file can reach the terminal as a control.
package data
