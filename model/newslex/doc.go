// Package newslex holds the English word lists and word-shape tests that
// package speaker reads news prose with: cue verbs, titles, role and group
// nouns, organisation words, function words, given names and their usual
// gender. They describe English news style by structure, never particular
// people; everything here is written for storydesk. Nothing is trained and
// nothing does I/O. The sets are read-only after package initialisation.
package newslex
