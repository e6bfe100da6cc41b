// Package suggest is entity suggestions in annotate mode. The recogniser
// (model/ner) tags the article on screen in a command, off the update
// loop; its names are drawn like imported annotations waiting for review
// wherever no span is, and nothing is stored until the annotator accepts
// one (keys.go). A rejection is stored (store.OpSetReject) and hides every
// suggestion of the same words with the same label in that article, not
// elsewhere: the consistency pass repeats a name through an article, so
// one decision settles them all, while the same words may be right in
// another article (Liverpool the club, Liverpool the city), where the
// model, having learned from the rejection, decides again. Every few dozen
// decisions the model learns from the articles they touched (Update on a
// clone, in a command) and is swapped in, and saved in the store for the
// next run.
//
// The feature owns its state (the model, the answer, the list shown, the
// learning) and plugs into annotate mode through annotate's Suggestions
// hook (Hook); it reaches annotate through the Annotate and Pane
// interfaces it declares, satisfied by the root (tui/wire_suggest.go). It
// imports no other feature.
package suggest
