// Package entities is the entities panel beside annotate mode's text (the
// article's entities by label, the one under the cursor marked) and the
// edits of whole entities: canonical names, given to one span, to the
// entity in the article, or to the entity in every stored article, each
// one undoable action; naming an entity after another merges the two.
//
// The name prompt and its question are screens pushed over annotate mode;
// annotate draws the panel and the prompt's line where they go, through its
// Entities hook (Hook). The feature reaches annotate through the Annotate
// and Pane interfaces it declares, satisfied by the root
// (tui/wire_entities.go). It imports no other feature.
package entities
